/// A rectangle of a slice, so 2-D operations run only around the pixels that matter.
struct PlaneCrop: Sendable {
    var x0: Int, y0: Int
    var shape: PlaneShape
    var parent: PlaneShape

    /// Bounding box of the true pixels grown by `marginMM` (and `extraBelowMM` more toward larger y),
    /// clipped to the slice; nil if none.
    init?(around mask: [Bool], in parent: PlaneShape, marginMM: Double, extraBelowMM: Double = 0) {
        self.init(around: mask, in: parent, marginMM: marginMM, extraBelowMM: extraBelowMM) { $0 }
    }

    /// The same around the pixels whose value satisfies `selected`, without a mask of them.
    init?<T>(around values: [T], in parent: PlaneShape, marginMM: Double, extraBelowMM: Double = 0, where selected: (T) -> Bool) {
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        values.withUnsafeBufferPointer { values in
            for y in 0..<parent.height {
                let row = values[(y * parent.width)..<((y + 1) * parent.width)]
                guard let first = row.firstIndex(where: selected) else { continue }
                let last = row.lastIndex(where: selected)!
                minX = min(minX, first - y * parent.width); maxX = max(maxX, last - y * parent.width)
                minY = min(minY, y); maxY = y
            }
        }
        guard minX <= maxX else { return nil }
        let margin = parent.pixelRadii(marginMM)
        x0 = max(0, minX - margin.x - 2)
        y0 = max(0, minY - margin.y - 2)
        let below = Int((extraBelowMM / parent.spacingY).rounded(.up))
        let x1 = min(parent.width - 1, maxX + margin.x + 2), y1 = min(parent.height - 1, maxY + margin.y + below + 2)
        shape = PlaneShape(width: x1 - x0 + 1, height: y1 - y0 + 1, spacingX: parent.spacingX, spacingY: parent.spacingY)
        self.parent = parent
    }

    /// The box `x0…x1` × `y0…y1` grown by `margin` pixels, clipped to the slice.
    init(x0: Int, x1: Int, y0: Int, y1: Int, margin: Int, in parent: PlaneShape) {
        self.x0 = max(0, x0 - margin)
        self.y0 = max(0, y0 - margin)
        let right = min(parent.width - 1, x1 + margin), bottom = min(parent.height - 1, y1 + margin)
        shape = PlaneShape(width: right - self.x0 + 1, height: bottom - self.y0 + 1, spacingX: parent.spacingX, spacingY: parent.spacingY)
        self.parent = parent
    }

    func extract<T>(_ values: [T]) -> [T] {
        var result: [T] = []
        result.reserveCapacity(shape.count)
        for y in 0..<shape.height {
            let row = (y0 + y) * parent.width + x0
            result.append(contentsOf: values[row..<(row + shape.width)])
        }
        return result
    }

    /// Index in the parent slice of crop pixel `i`.
    @inline(__always)
    func parentIndex(_ i: Int) -> Int {
        (y0 + i / shape.width) * parent.width + x0 + i % shape.width
    }

    /// The crop-frame index of slice pixel `p`, which must lie inside the crop.
    func localIndex(_ p: Int) -> Int {
        (p / parent.width - y0) * shape.width + p % parent.width - x0
    }

    /// A slice-sized array holding `values` (crop frame) inside the crop and `outside` elsewhere.
    func embed<T>(_ values: [T], outside: T) -> [T] {
        var result = [T](repeating: outside, count: parent.count)
        result.withUnsafeMutableBufferPointer { result in
            values.withUnsafeBufferPointer { values in
                for y in 0..<shape.height {
                    let target = (y0 + y) * parent.width + x0
                    for x in 0..<shape.width { result[target + x] = values[y * shape.width + x] }
                }
            }
        }
        return result
    }
}
