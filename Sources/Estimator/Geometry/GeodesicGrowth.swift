/// Breadth-first growth over 4-neighbours from seed pixels, at most `reach` steps from the nearest seed,
/// so a region can follow tissue but cannot wander far along a thin gap.
enum GeodesicGrowth {
    /// Each pixel's number of steps from the seeds (0 for seeds, −1 where not reached). `admits(from, to)`
    /// is asked once for each step into an unreached pixel, in breadth-first order; true takes the step.
    static func steps(from seeds: [Int], reach: Int, shape: PlaneShape, admits: (Int, Int) -> Bool) -> [Int] {
        var depth = [Int](repeating: -1, count: shape.count)
        for i in seeds { depth[i] = 0 }
        var queue = seeds
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            guard depth[i] < reach else { continue }
            let x = i % shape.width, y = i / shape.width
            for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] {
                guard nx >= 0, ny >= 0, nx < shape.width, ny < shape.height else { continue }
                let n = ny * shape.width + nx
                guard depth[n] < 0, admits(i, n) else { continue }
                depth[n] = depth[i] + 1
                queue.append(n)
            }
        }
        return depth
    }
}
