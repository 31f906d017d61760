extension AirlessLungGrowth {
    /// The wide mean that admits airless lung takes in the chest wall (muscle, rib) within its radius,
    /// so the densest airless lung stops short of the wall by up to that radius. Within it each pixel's
    /// own density places the edge, half way between the body of airless lung and muscle, as an edge
    /// between two tissues lies half way between their densities.
    ///
    /// - Parameters:
    ///   - filled: aerated lung with holes filled; the envelope outside it is airless.
    ///   - permitted: where airless lung may lie as seen from the mediastinum.
    /// - Returns: whether any pixel was added.
    func refineEdges(_ envelope: inout [Bool], filled: [Bool], smoothed: [Float], blocked: [Bool], shape: PlaneShape, permitted: (Int) -> Bool) -> Bool {
        let airless = (0..<shape.count).map { envelope[$0] && !filled[$0] }
        guard let box = PlaneCrop.bounds(of: airless, in: shape) else { return false }
        let reach = Int((configuration.airlessMeanRadiusMM / min(shape.spacingX, shape.spacingY)).rounded())
        // What is reached lies within `reach` steps of a body, so the work stays in the bodies' box with that margin.
        let area = PlaneCrop(x0: box.minX, x1: box.maxX, y0: box.minY, y1: box.maxY, margin: reach + 1, in: shape)
        let bodies = ComponentLabeling(area.extract(airless), shape: area.shape)
        let values = area.extract(smoothed)
        let muscle = Float(configuration.muscleLowerHU)
        // The median: the body's own density, not its blurred border with aerated lung.
        let edgeLevels: [Float?] = RegionMedians.of(values, labels: bodies.labels, regionCount: bodies.components.count).map { median in
            guard let level = median else { return nil }
            // Only airless lung: a closing can hold a rim of wall, which is no body to refine.
            guard Double(level) <= configuration.dependentMaximumMeanHU else { return nil }
            return (level + muscle) / 2
        }
        var level = [Float](repeating: 0, count: area.shape.count)
        var seeds = [Bool](repeating: false, count: area.shape.count)
        for i in 0..<area.shape.count where bodies.labels[i] != 0 {
            guard let edge = edgeLevels[Int(bodies.labels[i])] else { continue }
            level[i] = edge
            seeds[i] = true
        }
        // Each pixel reached takes the edge level of the body it was reached from.
        let depth = GeodesicGrowth.steps(from: seeds, reach: reach, shape: area.shape) { i, n in
            let p = area.parentIndex(n)
            guard !envelope[p], !blocked[p], values[n] < level[i], permitted(p) else { return false }
            level[n] = level[i]
            return true
        }
        var added = false
        for i in 0..<area.shape.count where depth[i] > 0 {
            envelope[area.parentIndex(i)] = true
            added = true
        }
        return added
    }
}
