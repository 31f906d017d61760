/// A rectangle of a slice, so 2-D operations run only around the pixels that matter.
struct PlaneCrop: Sendable {
    var x0: Int, y0: Int
    var shape: PlaneShape
    var parent: PlaneShape
    /// A bounding box in slice pixels, both ends included.
    typealias Box = (minX: Int, maxX: Int, minY: Int, maxY: Int)

    /// Bounding box of the true pixels grown by `marginMM` (and `extraBelowMM` more toward larger y),
    /// clipped to the slice; nil if none.
    init?(around mask: [Bool], in parent: PlaneShape, marginMM: Double, extraBelowMM: Double = 0) {
        guard let box = Self.bounds(of: mask, in: parent) else { return nil }
        self.init(box, in: parent, marginMM: marginMM, extraBelowMM: extraBelowMM)
    }

    /// The bounding box of the true pixels.
    static func bounds(of mask: [Bool], in parent: PlaneShape) -> Box? {
        // Bool is stored as one byte, 0 or 1.
        mask.withUnsafeBytes { nonzeroBounds(of: $0, in: parent) }
    }

    /// The bounding box of the non-zero bytes of a plane of one-byte pixels, eight pixels at a time:
    /// masks are scanned for their box before nearly every 2-D step, and most of a slice is empty.
    static func nonzeroBounds(of bytes: UnsafeRawBufferPointer, in parent: PlaneShape) -> Box? {
        precondition(bytes.count == parent.count, "one byte per pixel")
        guard let base = bytes.baseAddress else { return nil }
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        let width = parent.width
        for y in 0..<parent.height {
            let row = base + y * width
            // In a little-endian word the lowest byte comes first.
            var first = -1
            var x = 0
            while x + 8 <= width {
                let word = row.loadUnaligned(fromByteOffset: x, as: UInt64.self)
                if word != 0 { first = x + word.littleEndian.trailingZeroBitCount / 8; break }
                x += 8
            }
            if first < 0 {
                while x < width { if row.load(fromByteOffset: x, as: UInt8.self) != 0 { first = x; break }; x += 1 }
            }
            guard first >= 0 else { continue }
            // A non-zero pixel lies at `first`, so the backward scan always ends on one.
            var last = -1
            var end = width
            while end % 8 != 0 {
                if row.load(fromByteOffset: end - 1, as: UInt8.self) != 0 { last = end - 1; break }
                end -= 1
            }
            while last < 0 {
                end -= 8
                let word = row.loadUnaligned(fromByteOffset: end, as: UInt64.self)
                if word != 0 { last = end + 7 - word.littleEndian.leadingZeroBitCount / 8 }
            }
            minX = min(minX, first); maxX = max(maxX, last)
            minY = min(minY, y); maxY = y
        }
        return minX <= maxX ? (minX, maxX, minY, maxY) : nil
    }

    /// `box` grown by `marginMM` (and `extraBelowMM` more toward larger y), clipped to the slice.
    init(_ box: Box, in parent: PlaneShape, marginMM: Double, extraBelowMM: Double = 0) {
        let (minX, maxX, minY, maxY) = box
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

    /// `value(p)` for every slice pixel `p` inside the crop, in crop order.
    func extract<T>(_ value: (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: shape.count) { result, initialized in
            for y in 0..<shape.height {
                let row = (y0 + y) * parent.width + x0, target = y * shape.width
                for x in 0..<shape.width { (result.baseAddress! + target + x).initialize(to: value(row + x)) }
            }
            initialized = shape.count
        }
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
        precondition(values.count == shape.count, "values in the crop's frame")
        var result = [T](repeating: outside, count: parent.count)
        result.withUnsafeMutableBufferPointer { result in
            values.withUnsafeBufferPointer { values in
                guard let source = values.baseAddress, let target = result.baseAddress else { return }
                // Row by row as one copy each: an indexed loop here was a tenth of every closing.
                for y in 0..<shape.height {
                    (target + (y0 + y) * parent.width + x0).update(from: source + y * shape.width, count: shape.width)
                }
            }
        }
        return result
    }
}
