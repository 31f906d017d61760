/// Exact squared Euclidean distance transform in millimetres² (Felzenszwalb–Huttenlocher lower
/// envelope of parabolas), separable along x then y, honouring anisotropic pixels.
enum DistanceTransform {
    static let infinity = 1e20

    /// Squared distance from every pixel to the nearest pixel where `features` is true.
    static func squaredDistance(to features: [Bool], shape: PlaneShape) -> [Double] {
        var field = features.map { $0 ? 0.0 : infinity }
        let wx = shape.spacingX * shape.spacingX
        let wy = shape.spacingY * shape.spacingY
        var scratch = Scratch(capacity: max(shape.width, shape.height))
        for y in 0..<shape.height {
            transform(&field, start: y * shape.width, step: 1, count: shape.width, weight: wx, scratch: &scratch)
        }
        for x in 0..<shape.width {
            transform(&field, start: x, step: shape.width, count: shape.height, weight: wy, scratch: &scratch)
        }
        return field
    }

    private struct Scratch {
        var f: [Double]
        var envelope: [Int]
        var bounds: [Double]
        init(capacity: Int) {
            f = Array(repeating: 0, count: capacity)
            envelope = Array(repeating: 0, count: capacity)
            bounds = Array(repeating: 0, count: capacity + 1)
        }
    }

    private static func transform(
        _ field: inout [Double], start: Int, step: Int, count n: Int, weight w: Double, scratch s: inout Scratch
    ) {
        field.withUnsafeMutableBufferPointer { field in
            s.f.withUnsafeMutableBufferPointer { f in
                s.envelope.withUnsafeMutableBufferPointer { envelope in
                    s.bounds.withUnsafeMutableBufferPointer { bounds in
                        lowerEnvelope(field, start: start, step: step, n: n, w: w, f: f, envelope: envelope, bounds: bounds)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func lowerEnvelope(
        _ field: UnsafeMutableBufferPointer<Double>, start: Int, step: Int, n: Int, w: Double,
        f: UnsafeMutableBufferPointer<Double>, envelope: UnsafeMutableBufferPointer<Int>, bounds: UnsafeMutableBufferPointer<Double>
    ) {
        for i in 0..<n { f[i] = field[start + i * step] }
        var k = -1
        for q in 0..<n where f[q] < infinity {
            var boundary = -infinity
            while k >= 0 {
                let v = envelope[k]
                boundary = ((f[q] + w * Double(q * q)) - (f[v] + w * Double(v * v))) / (2 * w * Double(q - v))
                if boundary <= bounds[k] { k -= 1 } else { break }
            }
            k += 1
            envelope[k] = q
            bounds[k] = k == 0 ? -infinity : boundary
            bounds[k + 1] = infinity
        }
        if k < 0 { return }
        var j = 0
        for q in 0..<n {
            while bounds[j + 1] < Double(q) { j += 1 }
            let v = envelope[j]
            let d = Double(q - v)
            field[start + q * step] = w * d * d + f[v]
        }
    }
}
