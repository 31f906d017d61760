import VolumeIO

/// Turns a finished canvas into a scanner-like volume: noise, field-of-view padding, array order.
struct PhantomRendering {
    var canvas: PhantomCanvas
    var noise: Double
    var padding: Int16?
    var fovRadius: Double
    /// 0 LPS (canonical), 1 RAS (x and y reversed), 2 LAS (y reversed), 3 LPI (z reversed).
    var orientation: Int
    var seed: UInt64

    func makeCase(features: [String]) -> PhantomCase {
        let size = canvas.size
        let flips: SIMD3<Int> = [SIMD3(0, 0, 0), SIMD3(1, 1, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)][orientation]
        let canvas = self.canvas
        let noise = self.noise, padding = self.padding, radius = self.fovRadius, seed = self.seed
        let slices = SliceParallel.map(count: size.z) { k -> ([Int16], [UInt8], [UInt8]) in
            var rng = SplitMix64(seed: seed ^ (UInt64(k) &* 0xD1B5_4A32_D192_ED03))
            let sourceK = flips.z == 1 ? size.z - 1 - k : k
            var hu = [Int16](), lungs = [UInt8](), lesions = [UInt8]()
            for j in 0..<size.y {
                let sourceJ = flips.y == 1 ? size.y - 1 - j : j
                for i in 0..<size.x {
                    let sourceI = flips.x == 1 ? size.x - 1 - i : i
                    let index = canvas.index(sourceI, sourceJ, sourceK)
                    let p = canvas.world(sourceI, sourceJ, sourceK)
                    let gaussian = rng.gaussian()
                    if let padding, p.x * p.x + p.y * p.y > radius * radius {
                        hu.append(padding)
                    } else {
                        hu.append(Int16(max(-1024, min(3071, (Double(canvas.hu[index]) + noise * gaussian).rounded()))))
                    }
                    let isLung = canvas.tissue[index] == .lung
                    lungs.append(isLung ? (p.x < 6 ? 1 : 2) : 0)
                    lesions.append(isLung && canvas.lesion[index] ? 1 : 0)
                }
            }
            return (hu, lungs, lesions)
        }
        let lungTruth = slices.flatMap(\.1), lesionTruth = slices.flatMap(\.2)
        let volume = Volume(dims: size, spacing: canvas.spacing, affine: affine(flips: flips), voxels: slices.flatMap(\.0))
        let voxelML = volume.voxelVolumeML
        return PhantomCase(
            volume: volume, lungTruth: lungTruth, lesionTruth: lesionTruth,
            lungML: Double(lungTruth.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }) * voxelML,
            lesionML: Double(lesionTruth.reduce(0) { $0 + Int($1) }) * voxelML,
            features: features
        )
    }

    /// RAS+ affine: canonical x runs to the patient's left (−R), y to posterior (−A), z superior.
    private func affine(flips: SIMD3<Int>) -> Affine {
        let s = canvas.spacing, n = canvas.size
        let cx = Double(n.x - 1) / 2, cy = Double(n.y - 1) / 2
        let xColumn = flips.x == 1 ? s.x : -s.x, xOffset = flips.x == 1 ? -cx * s.x : cx * s.x
        let yColumn = flips.y == 1 ? s.y : -s.y, yOffset = flips.y == 1 ? -cy * s.y : cy * s.y
        let zColumn = flips.z == 1 ? -s.z : s.z
        let zOffset = flips.z == 1 ? canvas.zOrigin + Double(n.z - 1) * s.z : canvas.zOrigin
        return Affine(rows: [
            [xColumn, 0, 0, xOffset],
            [0, yColumn, 0, yOffset],
            [0, 0, zColumn, zOffset],
            [0, 0, 0, 1],
        ])
    }
}
