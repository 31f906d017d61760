/// The phantom under construction, in canonical order (x → patient left, y → posterior, z → superior).
struct PhantomCanvas {
    let size: SIMD3<Int>
    let spacing: SIMD3<Double>
    let zOrigin: Double
    var hu: [Float]
    var tissue: [PhantomAnatomy.Tissue]
    var lesion: [Bool]

    @inline(__always) func index(_ i: Int, _ j: Int, _ k: Int) -> Int { i + size.x * (j + size.y * k) }

    @inline(__always) func world(_ i: Int, _ j: Int, _ k: Int) -> SIMD3<Double> {
        SIMD3(
            (Double(i) - Double(size.x - 1) / 2) * spacing.x,
            (Double(j) - Double(size.y - 1) / 2) * spacing.y,
            zOrigin + Double(k) * spacing.z
        )
    }

    /// Voxel index ranges covering a world-space box, clipped to the grid.
    func indexRange(from low: SIMD3<Double>, to high: SIMD3<Double>) -> (ClosedRange<Int>, ClosedRange<Int>, ClosedRange<Int>)? {
        func axis(_ a: Int, _ lo: Double, _ hi: Double, center: Double, origin: Double) -> ClosedRange<Int>? {
            let first = max(0, Int(((lo - origin) / spacing[a] + center).rounded(.up)))
            let last = min(size[a] - 1, Int(((hi - origin) / spacing[a] + center).rounded(.down)))
            return first <= last ? first...last : nil
        }
        guard let x = axis(0, low.x, high.x, center: Double(size.x - 1) / 2, origin: 0),
              let y = axis(1, low.y, high.y, center: Double(size.y - 1) / 2, origin: 0),
              let z = axis(2, low.z, high.z, center: 0, origin: zOrigin) else { return nil }
        return (x, y, z)
    }

    /// Calls `body` for each voxel within `radius` of the segment a–b.
    func forEachInCapsule(_ a: SIMD3<Double>, _ b: SIMD3<Double>, radius: Double, _ body: (Int) -> Void) {
        let low = SIMD3(min(a.x, b.x), min(a.y, b.y), min(a.z, b.z)) - radius
        let high = SIMD3(max(a.x, b.x), max(a.y, b.y), max(a.z, b.z)) + radius
        guard let (xs, ys, zs) = indexRange(from: low, to: high) else { return }
        let axis = b - a
        let lengthSquared = max((axis * axis).sum(), 1e-9)
        for k in zs { for j in ys { for i in xs {
            let p = world(i, j, k) - a
            let t = min(1, max(0, (p * axis).sum() / lengthSquared))
            let d = p - axis * t
            if (d * d).sum() <= radius * radius { body(index(i, j, k)) }
        } } }
    }

    /// Calls `body` for each voxel inside the axis-aligned ellipsoid.
    func forEachInEllipsoid(center: SIMD3<Double>, radii: SIMD3<Double>, _ body: (Int) -> Void) {
        guard let (xs, ys, zs) = indexRange(from: center - radii, to: center + radii) else { return }
        for k in zs { for j in ys { for i in xs {
            let n = (world(i, j, k) - center) / radii
            if (n * n).sum() <= 1 { body(index(i, j, k)) }
        } } }
    }
}
