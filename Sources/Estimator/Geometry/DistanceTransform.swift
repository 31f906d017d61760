/// Exact squared Euclidean distance transform in millimetres² (Felzenszwalb–Huttenlocher lower
/// envelope of parabolas), separable along x then y, honouring anisotropic pixels.
///
/// The x pass sees only 0 or ∞, so it is the nearest feature in the row, found by two sweeps
/// (the parabola envelope would pick the same pixel and give the same `w d² + 0`). The y pass
/// runs on blocks of adjacent columns gathered into contiguous rows, so each row of the field is
/// read once per block instead of once per column.
enum DistanceTransform {
    static let infinity = 1e20
    /// Columns gathered per block: eight Doubles are one cache line.
    private static let block = 8

    /// Squared distance from every pixel to the nearest pixel where `features` is true.
    static func squaredDistance(to features: [Bool], shape: PlaneShape) -> [Double] {
        squaredDistance(where: features, equals: true, shape: shape)
    }

    /// Squared distance from every pixel to the nearest pixel where `mask[i] == featureValue`.
    static func squaredDistance(where mask: [Bool], equals featureValue: Bool, shape: PlaneShape) -> [Double] {
        var field = rowPass(mask, featureValue: featureValue, shape: shape)
        columnPass(&field, shape: shape) { _, _ in }
        return field
    }

    /// `squaredDistance(where:equals:) ≤ limit` per pixel, without keeping the field.
    static func within(_ limit: Double, of mask: [Bool], featureValue: Bool, shape: PlaneShape) -> [Bool] {
        // A row distance already beyond the limit cannot bring any pixel within it: dropping it leaves
        // fewer parabolas (often none in a column) and the same answer.
        var field = rowPass(mask, featureValue: featureValue, shape: shape, cap: limit)
        var result = [Bool](repeating: false, count: shape.count)
        result.withUnsafeMutableBufferPointer { result in
            columnPass(&field, shape: shape) { index, value in result[index] = value <= limit }
        }
        return result
    }

    /// x pass: `wx · (distance to the nearest feature in the row)²`, ∞ for rows without one.
    private static func rowPass(_ mask: [Bool], featureValue: Bool, shape: PlaneShape, cap: Double = .infinity) -> [Double] {
        let w = shape.width, h = shape.height
        let wx = shape.spacingX * shape.spacingX
        return [Double](unsafeUninitializedCapacity: shape.count) { field, initialized in
            mask.withUnsafeBufferPointer { mask in
                for y in 0..<h {
                    let row = y * w
                    var last = -1
                    for x in 0..<w {
                        if mask[row + x] == featureValue { last = x }
                        field[row + x] = last < 0 ? infinity : Double(x - last)
                    }
                    if last < 0 { continue }
                    var next = -1
                    for x in stride(from: w - 1, through: 0, by: -1) {
                        if mask[row + x] == featureValue { next = x }
                        let before = field[row + x]
                        var d = next < 0 ? before : Double(next - x)
                        if before < d { d = before }
                        let value = wx * d * d + 0
                        field[row + x] = value > cap ? infinity : value
                    }
                }
            }
            initialized = shape.count
        }
    }

    /// y pass over blocks of columns; `emit(index, value)` sees every final value (written back too).
    /// A block is gathered row-interleaved (`gathered[y * block + c]`), one contiguous read per row.
    private static func columnPass(_ field: inout [Double], shape: PlaneShape, emit: (Int, Double) -> Void) {
        let w = shape.width, h = shape.height
        let wy = shape.spacingY * shape.spacingY
        let gathered = UnsafeMutablePointer<Double>.allocate(capacity: block * h)
        let envelope = UnsafeMutableBufferPointer<Int>.allocate(capacity: h)
        let bounds = UnsafeMutableBufferPointer<Double>.allocate(capacity: h + 1)
        defer { gathered.deallocate(); envelope.deallocate(); bounds.deallocate() }
        field.withUnsafeMutableBufferPointer { field in
            var x0 = 0
            while x0 < w {
                let columns = min(block, w - x0)
                for y in 0..<h {
                    for c in 0..<columns { gathered[y * block + c] = field[y * w + x0 + c] }
                }
                for c in 0..<columns {
                    let f = gathered + c
                    let x = x0 + c
                    if !lowerEnvelope(f, n: h, w: wy, envelope: envelope, bounds: bounds) {
                        for y in 0..<h { emit(y * w + x, infinity) }
                        continue
                    }
                    var j = 0
                    for q in 0..<h {
                        while bounds[j + 1] < Double(q) { j += 1 }
                        let v = envelope[j]
                        let d = Double(q - v)
                        let value = wy * d * d + f[v * block]
                        field[q * w + x] = value
                        emit(q * w + x, value)
                    }
                }
                x0 += columns
            }
        }
    }

    /// Builds the lower envelope of the parabolas rooted at the finite samples `f[q * block]`; false when there are none.
    @inline(__always)
    private static func lowerEnvelope(
        _ f: UnsafeMutablePointer<Double>, n: Int, w: Double,
        envelope: UnsafeMutableBufferPointer<Int>, bounds: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        var k = -1
        for q in 0..<n where f[q * block] < infinity {
            let fq = f[q * block]
            var boundary = -infinity
            while k >= 0 {
                let v = envelope[k]
                boundary = ((fq + w * Double(q * q)) - (f[v * block] + w * Double(v * v))) / (2 * w * Double(q - v))
                if boundary <= bounds[k] { k -= 1 } else { break }
            }
            k += 1
            envelope[k] = q
            bounds[k] = k == 0 ? -infinity : boundary
            bounds[k + 1] = infinity
        }
        return k >= 0
    }
}
