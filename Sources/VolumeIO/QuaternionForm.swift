/// The qform parameters of an affine: column lengths as voxel sizes, qfac −1 when the axes are left-handed,
/// and the rotation as a unit quaternion with non-negative real part (how nibabel's `set_qform` stores it,
/// for the shear-free affines scanners produce).
struct QuaternionForm {
    var quaternion: SIMD3<Double>
    var voxelSizes: SIMD3<Double>
    var qfac: Double

    init(affine: Affine) {
        var columns = (0..<3).map { affine.column($0) }
        var sizes = columns.map { ($0 * $0).sum().squareRoot() }
        for axis in 0..<3 where sizes[axis] > 0 { columns[axis] /= sizes[axis] }
        let c = columns
        let determinant = c[0].x * (c[1].y * c[2].z - c[2].y * c[1].z)
            - c[1].x * (c[0].y * c[2].z - c[2].y * c[0].z)
            + c[2].x * (c[0].y * c[1].z - c[1].y * c[0].z)
        qfac = determinant < 0 ? -1 : 1
        if determinant < 0 { columns[2] = -columns[2] }
        for axis in 0..<3 where sizes[axis] == 0 { sizes[axis] = 1 }
        voxelSizes = SIMD3(sizes[0], sizes[1], sizes[2])
        // r[row][column] of the proper rotation.
        let r = (0..<3).map { row in (0..<3).map { columns[$0][row] } }
        quaternion = Self.quaternion(r)
    }

    /// Shepperd's method: pick the largest of 4w², 4x², 4y², 4z² to divide by, for stability.
    private static func quaternion(_ r: [[Double]]) -> SIMD3<Double> {
        let trace = r[0][0] + r[1][1] + r[2][2]
        var q: SIMD4<Double>  // (w, x, y, z)
        if trace > 0 {
            let s = (trace + 1).squareRoot() * 2
            q = SIMD4(s / 4, (r[2][1] - r[1][2]) / s, (r[0][2] - r[2][0]) / s, (r[1][0] - r[0][1]) / s)
        } else if r[0][0] > r[1][1], r[0][0] > r[2][2] {
            let s = (1 + r[0][0] - r[1][1] - r[2][2]).squareRoot() * 2
            q = SIMD4((r[2][1] - r[1][2]) / s, s / 4, (r[0][1] + r[1][0]) / s, (r[0][2] + r[2][0]) / s)
        } else if r[1][1] > r[2][2] {
            let s = (1 + r[1][1] - r[0][0] - r[2][2]).squareRoot() * 2
            q = SIMD4((r[0][2] - r[2][0]) / s, (r[0][1] + r[1][0]) / s, s / 4, (r[1][2] + r[2][1]) / s)
        } else {
            let s = (1 + r[2][2] - r[0][0] - r[1][1]).squareRoot() * 2
            q = SIMD4((r[1][0] - r[0][1]) / s, (r[0][2] + r[2][0]) / s, (r[1][2] + r[2][1]) / s, s / 4)
        }
        let norm = (q * q).sum().squareRoot()
        if norm > 0 { q /= norm }
        if q.x < 0 { q = -q }
        return SIMD3(q.y, q.z, q.w)
    }
}
