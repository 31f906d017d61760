/// Breadth-first growth over 4-neighbours from seed pixels, at most `reach` steps from the nearest seed,
/// so a region can follow tissue but cannot wander far along a thin gap.
enum GeodesicGrowth {
    /// Each pixel's number of steps from the seeds (0 for seeds, −1 where not reached). `admits(from, to)`
    /// is asked once for each step into an unreached pixel, in breadth-first order; true takes the step.
    static func steps(from seeds: [Int], reach: Int, shape: PlaneShape, admits: (Int, Int) -> Bool) -> [Int32] {
        var depth = [Int32](repeating: -1, count: shape.count)
        for i in seeds { depth[i] = 0 }
        // A seed whose four neighbours are all seeds can take no step: only the others are queued,
        // which leaves the order of every step taken unchanged.
        var queue = seeds.filter { i in
            let x = i % shape.width, y = i / shape.width
            return x == 0 || y == 0 || x == shape.width - 1 || y == shape.height - 1
                || depth[i - 1] < 0 || depth[i + 1] < 0 || depth[i - shape.width] < 0 || depth[i + shape.width] < 0
        }
        var head = 0
        let limit = Int32(clamping: reach)
        while head < queue.count {
            let i = queue[head]
            head += 1
            let next = depth[i] + 1
            guard next <= limit else { continue }
            let x = i % shape.width
            func visit(_ n: Int) {
                guard depth[n] < 0, admits(i, n) else { return }
                depth[n] = next
                queue.append(n)
            }
            if x > 0 { visit(i - 1) }
            if x < shape.width - 1 { visit(i + 1) }
            if i >= shape.width { visit(i - shape.width) }
            if i < shape.count - shape.width { visit(i + shape.width) }
        }
        return depth
    }
}
