/// A slice-sized plane of byte labels kept only over the bounding box of its non-zero values, so
/// per-slice results held for the whole volume (envelopes, output labels) cost their extent, not the slice.
struct CroppedPlane: Sendable {
    let parent: PlaneShape
    /// The box; empty (width 0) when every value is zero.
    let x0: Int, y0: Int, width: Int, height: Int
    let values: [UInt8]

    /// All zeros.
    init(zerosIn shape: PlaneShape) {
        parent = shape
        x0 = 0; y0 = 0; width = 0; height = 0; values = []
    }

    init(_ full: [UInt8], shape: PlaneShape) {
        precondition(full.count == shape.count, "a plane must cover its slice")
        parent = shape
        guard let (minX, maxX, minY, maxY) = full.withUnsafeBytes({ PlaneCrop.nonzeroBounds(of: $0, in: shape) }) else {
            x0 = 0; y0 = 0; width = 0; height = 0; values = []
            return
        }
        x0 = minX; y0 = minY; width = maxX - minX + 1; height = maxY - minY + 1
        var values: [UInt8] = []
        values.reserveCapacity(width * height)
        for y in minY...maxY {
            let row = y * shape.width
            values.append(contentsOf: full[(row + minX)...(row + maxX)])
        }
        self.values = values
    }

    /// The same as `init(crop.embed(cropped, outside: 0), shape: crop.parent)`, without the whole slice.
    init(_ cropped: [UInt8], in crop: PlaneCrop) {
        parent = crop.parent
        let inner = CroppedPlane(cropped, shape: crop.shape)
        guard !inner.isEmpty else {
            x0 = 0; y0 = 0; width = 0; height = 0; values = []
            return
        }
        x0 = inner.x0 + crop.x0; y0 = inner.y0 + crop.y0
        width = inner.width; height = inner.height
        values = inner.values
    }

    var isEmpty: Bool { width == 0 }

    /// The value at (x, y) of the whole slice.
    func value(_ x: Int, _ y: Int) -> UInt8 {
        let cx = x - x0, cy = y - y0
        guard cx >= 0, cy >= 0, cx < width, cy < height else { return 0 }
        return values[cy * width + cx]
    }

    /// The values over `crop` (a crop of the same slice), zeros outside the box, without the whole slice.
    func extract(_ crop: PlaneCrop) -> [UInt8] {
        precondition(crop.parent == parent, "a crop of this plane's slice")
        var result = [UInt8](repeating: 0, count: crop.shape.count)
        let left = max(x0, crop.x0), right = min(x0 + width, crop.x0 + crop.shape.width)
        let top = max(y0, crop.y0), bottom = min(y0 + height, crop.y0 + crop.shape.height)
        guard left < right, top < bottom else { return result }
        let columns = left..<right
        for y in top..<bottom {
            let source = (y - y0) * width - x0, target = (y - crop.y0) * crop.shape.width - crop.x0
            for x in columns { result[target + x] = values[source + x] }
        }
        return result
    }

    /// The whole slice again, zeros outside the box.
    func expanded() -> [UInt8] {
        PlaneCrop(x0: x0, x1: x0 + width - 1, y0: y0, y1: y0 + height - 1, margin: 0, in: parent).embed(values, outside: 0)
    }
}
