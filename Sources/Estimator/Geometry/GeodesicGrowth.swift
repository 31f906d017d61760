/// Breadth-first growth over 4-neighbours from seed pixels, at most `reach` steps from the nearest seed,
/// so a region can follow tissue but cannot wander far along a thin gap.
enum GeodesicGrowth {
    /// Each pixel's number of steps from the seeds (0 for seeds, −1 where not reached). `admits(from, to)`
    /// is asked once for each step into an unreached pixel, in breadth-first order from the seeds in
    /// index order; true takes the step.
    static func steps(from seeds: [Bool], reach: Int, shape: PlaneShape, admits: (Int, Int) -> Bool) -> [Int32] {
        precondition(seeds.count == shape.count, "one seed flag per pixel")
        var depth = seeds.map { $0 ? Int32(0) : -1 }
        let w = shape.width, h = shape.height
        // A seed whose four neighbours are all seeds can take no step: only the others are queued,
        // which leaves the order of every step taken unchanged.
        var queue: [Int] = []
        for y in 0..<h {
            let row = y * w
            for x in 0..<w where seeds[row + x] {
                let i = row + x
                if x == 0 || y == 0 || x == w - 1 || y == h - 1 || !seeds[i - 1] || !seeds[i + 1] || !seeds[i - w] || !seeds[i + w] {
                    queue.append(i)
                }
            }
        }
        var head = 0
        let limit = Int32(clamping: reach)
        while head < queue.count {
            let i = queue[head]
            head += 1
            let next = depth[i] + 1
            guard next <= limit else { continue }
            let x = i % w
            func visit(_ n: Int) {
                guard depth[n] < 0, admits(i, n) else { return }
                depth[n] = next
                queue.append(n)
            }
            if x > 0 { visit(i - 1) }
            if x < w - 1 { visit(i + 1) }
            if i >= w { visit(i - w) }
            if i < shape.count - w { visit(i + w) }
        }
        return depth
    }
}
