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
        let columns = rowPass(mask, featureValue: featureValue, shape: shape, cap: .infinity)
        return [Double](unsafeUninitializedCapacity: shape.count) { result, initialized in
            columnPass(columns, shape: shape) { index, value in result[index] = value }
            initialized = shape.count
        }
    }

    /// `squaredDistance(where:equals:) ≤ limit` per pixel, without keeping the field.
    ///
    /// Only the yes/no is wanted, so no parabola envelope is built: a feature at row distance `d` in
    /// row `v` reaches pixel `(x, q)` exactly when `wy (q − v)² + wx d² ≤ limit`, that is when
    /// `|q − v| ≤ reach[d]` (the same Double expression as the field, so the same comparisons). Each
    /// column is then the union of intervals centred on its rows, found by one sweep down (the
    /// farthest end reached from above) and one up, row by row over all columns at once.
    static func within(_ limit: Double, of mask: [Bool], featureValue: Bool, shape: PlaneShape) -> [Bool] {
        let w = shape.width, h = shape.height
        let reach = verticalReach(limit, shape: shape)
        let rows = rowReach(mask, featureValue: featureValue, shape: shape, reach: reach)
        let frontier = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, w))
        defer { frontier.deallocate() }
        return [Bool](unsafeUninitializedCapacity: shape.count) { result, initialized in
            rows.withUnsafeBufferPointer { rows in
                guard let rows = rows.baseAddress, let result = result.baseAddress else { return }
                frontier.initialize(repeating: unreached, count: w)
                for y in 0..<h {
                    let source = rows + y * w, target = result + y * w, q = Int32(y)
                    for x in 0..<w {
                        let end = max(frontier[x], q &+ source[x])
                        frontier[x] = end
                        target[x] = end >= q
                    }
                }
                frontier.initialize(repeating: -unreached, count: w)
                for y in stride(from: h - 1, through: 0, by: -1) {
                    let source = rows + y * w, target = result + y * w, q = Int32(y)
                    for x in 0..<w {
                        let start = min(frontier[x], q &- source[x])
                        frontier[x] = start
                        target[x] = target[x] || start <= q
                    }
                }
            }
            initialized = shape.count
        }
    }

    /// Far enough that `q ± unreached` is never within the plane, small enough not to overflow.
    private static let unreached: Int32 = -1_000_000_000

    /// `reach[d]`: the largest row offset `dy` with `wy dy² + wx d² ≤ limit`, for every row distance
    /// `d` that is itself within the limit (so `reach[d] ≥ 0`); one entry past them holds `unreached`.
    private static func verticalReach(_ limit: Double, shape: PlaneShape) -> [Int32] {
        let wx = shape.spacingX * shape.spacingX, wy = shape.spacingY * shape.spacingY
        var reach: [Int32] = []
        var d = 0
        while d < shape.width && wx * Double(d) * Double(d) + 0 <= limit {
            let along = wx * Double(d) * Double(d) + 0
            var dy = 0
            while dy + 1 < shape.height && wy * Double(dy + 1) * Double(dy + 1) + along <= limit { dy += 1 }
            reach.append(Int32(dy))
            d += 1
        }
        reach.append(unreached)
        return reach
    }

    /// Per pixel, `reach` of its row distance to the nearest feature in its row (`unreached` when that
    /// distance is beyond the table).
    private static func rowReach(_ mask: [Bool], featureValue: Bool, shape: PlaneShape, reach: [Int32]) -> [Int32] {
        let w = shape.width, h = shape.height
        let beyond = reach.count - 1
        return [Int32](unsafeUninitializedCapacity: shape.count) { result, initialized in
            mask.withUnsafeBufferPointer { mask in
                reach.withUnsafeBufferPointer { reach in
                    for y in 0..<h {
                        let row = y * w
                        var last = -w - beyond
                        for x in 0..<w {
                            if mask[row + x] == featureValue { last = x }
                            result[row + x] = Int32(truncatingIfNeeded: min(x - last, beyond))
                        }
                        var next = 2 * w + beyond
                        for x in stride(from: w - 1, through: 0, by: -1) {
                            if mask[row + x] == featureValue { next = x }
                            let d = min(Int(result[row + x]), next - x)
                            result[row + x] = reach[d]
                        }
                    }
                }
            }
            initialized = shape.count
        }
    }

    /// Row distances (pixels) to the nearest feature in the row; `none` where there is none or the
    /// squared distance exceeds `cap`. Whole pixels take a quarter of the memory traffic of Doubles.
    private static let none = Int32.max

    private static func rowPass(_ mask: [Bool], featureValue: Bool, shape: PlaneShape, cap: Double) -> [Int32] {
        let w = shape.width, h = shape.height
        let wx = shape.spacingX * shape.spacingX
        return [Int32](unsafeUninitializedCapacity: shape.count) { distance, initialized in
            mask.withUnsafeBufferPointer { mask in
                for y in 0..<h {
                    let row = y * w
                    var last = -1
                    for x in 0..<w {
                        if mask[row + x] == featureValue { last = x }
                        distance[row + x] = last < 0 ? none : Int32(x - last)
                    }
                    if last < 0 { continue }
                    var next = -1
                    for x in stride(from: w - 1, through: 0, by: -1) {
                        if mask[row + x] == featureValue { next = x }
                        var d = distance[row + x]
                        if next >= 0 { d = min(d, Int32(next - x)) }
                        let value = wx * Double(d) * Double(d) + 0
                        distance[row + x] = value > cap ? none : d
                    }
                }
            }
            initialized = shape.count
        }
    }

    /// y pass over blocks of columns, gathered row-interleaved (`gathered[y * block + c]`) so each row
    /// is one contiguous read; `emit(index, value)` receives every final value, row by row.
    private static func columnPass(_ distance: [Int32], shape: PlaneShape, emit: (Int, Double) -> Void) {
        let w = shape.width, h = shape.height
        let wx = shape.spacingX * shape.spacingX, wy = shape.spacingY * shape.spacingY
        let gathered = UnsafeMutablePointer<Double>.allocate(capacity: block * h)
        let output = UnsafeMutablePointer<Double>.allocate(capacity: block * h)
        let envelope = UnsafeMutableBufferPointer<Int>.allocate(capacity: h)
        let bounds = UnsafeMutableBufferPointer<Double>.allocate(capacity: h + 1)
        defer { gathered.deallocate(); output.deallocate(); envelope.deallocate(); bounds.deallocate() }
        distance.withUnsafeBufferPointer { distance in
            var x0 = 0
            while x0 < w {
                let columns = min(block, w - x0)
                for y in 0..<h {
                    for c in 0..<columns {
                        let d = distance[y * w + x0 + c]
                        // The expression the parabola envelope gives along x: w d² + 0.
                        gathered[y * block + c] = d == none ? infinity : wx * Double(d) * Double(d) + 0
                    }
                }
                for c in 0..<columns {
                    let f = gathered + c
                    if !lowerEnvelope(f, n: h, w: wy, envelope: envelope, bounds: bounds) {
                        for q in 0..<h { output[q * block + c] = infinity }
                        continue
                    }
                    var j = 0
                    for q in 0..<h {
                        while bounds[j + 1] < Double(q) { j += 1 }
                        let v = envelope[j]
                        let d = Double(q - v)
                        output[q * block + c] = wy * d * d + f[v * block]
                    }
                }
                for y in 0..<h {
                    for c in 0..<columns { emit(y * w + x0 + c, output[y * block + c]) }
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
