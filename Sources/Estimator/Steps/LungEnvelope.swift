/// Rebuilds the outline of one lung in one slice so dense lung (consolidation at the chest wall or
/// diaphragm, which a threshold mask leaves out) is kept.
///
/// The aerated lung plus its enclosed holes (vessels, nodules) is closed with a disk: concave bites
/// narrower than the disk are filled, while the large, smooth impressions of the heart and the
/// diaphragm domes are not. Only pixels lateral to the lung's medial edge in their row are accepted,
/// so the hilum and the mediastinum (heart, aorta, nodes: soft tissue in the consolidation band)
/// never enter the envelope.
struct LungEnvelope: Sendable {
    /// Aerated lung with enclosed holes filled.
    var filled: [Bool]
    /// `filled` plus the accepted closing pixels.
    var envelope: [Bool]

    /// - Parameters:
    ///   - lung: aerated pixels of this lung (crop frame).
    ///   - blocked: pixels that may never join (airways, the other lung).
    ///   - isRight: the right lung lies at low x; its medial side is toward larger x.
    init(lung: [Bool], blocked: [Bool], isRight: Bool, shape: PlaneShape, closingRadiusMM: Double) {
        filled = Morphology.fillHoles(lung, shape: shape)
        let closed = Morphology.close(filled, shape: shape, radiusMM: closingRadiusMM)
        // A band of consolidation across the whole lung leaves rows with no aerated pixel; the
        // mediastinal contour is smooth, so such a row takes the more lateral edge of the nearest
        // rows with lung above and below it.
        let medialEdge = Self.bridged(Self.medialEdges(of: filled, isRight: isRight, shape: shape), isRight: isRight)
        envelope = filled
        for y in 0..<shape.height {
            guard let edge = medialEdge[y] else { continue }
            // Lateral to the medial edge: the columns up to it for the right lung, from it for the left.
            let row = y * shape.width
            for x in isRight ? 0..<(edge + 1) : edge..<shape.width where closed[row + x] && !filled[row + x] && !blocked[row + x] {
                envelope[row + x] = true
            }
        }
    }

    /// Per row, the most medial pixel of `filled` (largest x for the right lung, smallest for the left);
    /// nil in rows without lung. Each row is read from the medial side up to its first lung pixel.
    static func medialEdges(of filled: [Bool], isRight: Bool, shape: PlaneShape) -> [Int?] {
        filled.withUnsafeBufferPointer { filled in
            (0..<shape.height).map { y in
                let row = y * shape.width
                if isRight {
                    var x = shape.width - 1
                    while x >= 0 && !filled[row + x] { x -= 1 }
                    return x >= 0 ? x : nil
                }
                var x = 0
                while x < shape.width && !filled[row + x] { x += 1 }
                return x < shape.width ? x : nil
            }
        }
    }

    /// Rows without an edge that lie between rows with one take the more lateral of the two nearest.
    static func bridged(_ edges: [Int?], isRight: Bool) -> [Int?] {
        var result = edges
        var previous: Int?
        for y in edges.indices {
            guard edges[y] == nil else { previous = y; continue }
            guard let above = previous, let below = edges[(y + 1)...].firstIndex(where: { $0 != nil }) else { continue }
            let a = edges[above]!, b = edges[below]!
            result[y] = isRight ? min(a, b) : max(a, b)
        }
        return result
    }
}
