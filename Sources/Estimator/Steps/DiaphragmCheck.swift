/// Keeps the top of a diaphragm dome (liver or spleen seen as an island inside the lung) out of the
/// envelope: a dense island of the envelope (ringed by lung) is dropped when most of it sits over
/// tissue that is not lung envelope in the slice beneath. Dense lung over dense lung, or over aerated lung, stays.
enum DiaphragmCheck {
    static func exclude(_ envelope: inout [Bool], aerated bits: [UInt8], below: [UInt8], shape: PlaneShape) {
        let dense = (0..<shape.count).map { envelope[$0] && bits[$0] & SliceEnvelopes.aerated == 0 }
        let regions = ComponentLabeling(dense, shape: shape)
        guard !regions.components.isEmpty else { return }
        var overAbdomen = [Int](repeating: 0, count: regions.components.count + 1)
        let lungBelow = SliceEnvelopes.right | SliceEnvelopes.left
        for i in 0..<shape.count where regions.labels[i] != 0 && below[i] & lungBelow == 0 {
            overAbdomen[Int(regions.labels[i])] += 1
        }
        // Only islands count: a dome top is ringed by lung, a lesion at the wall is not.
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
            if !touchesOutside[label] && 2 * overAbdomen[label] > regions.components[label - 1].area { envelope[i] = false }
        }
    }
}
