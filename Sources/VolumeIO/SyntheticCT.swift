/// A deterministic, CT-like test volume: air around an elliptic body of soft tissue, two lungs, a spine and
/// a table, with Gaussian-ish quantum noise so that it compresses like a real scan rather than to nothing.
public enum SyntheticCT {
    public static func chest(dims: SIMD3<Int> = SIMD3(512, 512, 40), noiseHU: Double = 18, seed: UInt64 = 0x5EED) -> Volume {
        var random = SplitMix64(state: seed)
        var voxels = [Int16](repeating: 0, count: dims.x * dims.y * dims.z)
        let center = SIMD2(Double(dims.x) / 2, Double(dims.y) / 2)
        for z in 0..<dims.z {
            for y in 0..<dims.y {
                for x in 0..<dims.x {
                    let p = (SIMD2(Double(x), Double(y)) - center) / SIMD2(Double(dims.x), Double(dims.y))
                    var hu = tissue(p, slice: Double(z) / Double(max(dims.z, 1)))
                    // Sum of four uniforms: cheap, bell-shaped noise with standard deviation `noiseHU`.
                    let u = random.unit() + random.unit() + random.unit() + random.unit() - 2
                    hu += u * noiseHU * 1.732
                    voxels[x + dims.x * (y + dims.y * z)] = Int16(max(-1024, min(3071, hu.rounded())))
                }
            }
        }
        let affine = Affine(rows: [[-0.7, 0, 0, 179.3], [0, -0.7, 0, 179.3], [0, 0, -8, -50], [0, 0, 0, 1]])
        return Volume(dims: dims, spacing: SIMD3(0.7, 0.7, 8), affine: affine, voxels: voxels)
    }

    private static func tissue(_ p: SIMD2<Double>, slice: Double) -> Double {
        func inside(_ c: SIMD2<Double>, _ r: SIMD2<Double>) -> Bool { (((p - c) / r) * ((p - c) / r)).sum() < 1 }
        if p.y > 0.36, p.y < 0.39, abs(p.x) < 0.45 { return 250 }  // table
        guard inside(.zero, SIMD2(0.42, 0.3)) else { return -1000 }
        if inside(SIMD2(0, 0.2), SIMD2(0.05, 0.05)) { return 700 }  // vertebra
        let lungSize = SIMD2(0.14, 0.2) * (0.8 + 0.3 * slice)
        if inside(SIMD2(-0.17, 0), lungSize) || inside(SIMD2(0.17, 0), lungSize) { return -850 }
        return 40
    }
}

/// Small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
