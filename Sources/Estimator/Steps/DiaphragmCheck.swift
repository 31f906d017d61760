/// Keeps the top of a diaphragm dome (liver or spleen cut across by the slice) out of the envelope: a
/// dense region of the envelope is dropped when most of it sits over tissue that is not lung envelope
/// in the slice beneath, and it is either an island ringed by lung or as dense as a solid organ.
/// Dense lung over dense lung, or over aerated lung, stays.
enum DiaphragmCheck {
    /// - Parameters:
    ///   - smoothed: HU after the light in-plane smoothing.
    ///   - organLowerHU: a region whose median is above this is liver or spleen (40–60 HU without
    ///     contrast, more with it), never the airless lung the envelope grows into.
    static func exclude(_ envelope: inout [Bool], aerated bits: [UInt8], below: [UInt8], smoothed: [Float], organLowerHU: Double, shape: PlaneShape) {
        let dense = (0..<shape.count).map { envelope[$0] && bits[$0] & SliceEnvelopes.aerated == 0 }
        let regions = ComponentLabeling(dense, shape: shape)
        guard !regions.components.isEmpty else { return }
        var overAbdomen = [Int](repeating: 0, count: regions.components.count + 1)
        let lungBelow = SliceEnvelopes.right | SliceEnvelopes.left
        for i in 0..<shape.count where regions.labels[i] != 0 && below[i] & lungBelow == 0 { overAbdomen[Int(regions.labels[i])] += 1 }
        // The median: a thin slab of dome is mostly border, which the smoothing mixes with the lung around it.
        let organ = RegionMedians.of(smoothed, labels: regions.labels, regionCount: regions.components.count)
            .map { $0.map { Double($0) > organLowerHU } ?? false }
        // A dome top is ringed by lung, a lesion at the wall is not. Where the dome meets the chest
        // wall in a few rows (the lateral recess lies lower), its density still tells it from lung.
        var touchesOutside = [Bool](repeating: false, count: regions.components.count + 1)
        for i in 0..<shape.count where regions.labels[i] != 0 {
            let x = i % shape.width, y = i / shape.width
            for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                let nx = x + dx, ny = y + dy
                if nx < 0 || ny < 0 || nx >= shape.width || ny >= shape.height || !envelope[ny * shape.width + nx] {
                    touchesOutside[Int(regions.labels[i])] = true
                }
            }
        }
        for i in 0..<shape.count where regions.labels[i] != 0 {
            let label = Int(regions.labels[i])
            let area = regions.components[label - 1].area
            if (!touchesOutside[label] || organ[label]) && 2 * overAbdomen[label] > area { envelope[i] = false }
        }
    }
}
