/// A 4×4 homogeneous transform, row-major: `rows[r][c]`.
public struct Affine: Sendable, Equatable, Codable {
    public var rows: [[Double]]

    public init(rows: [[Double]]) {
        precondition(rows.count == 4 && rows.allSatisfy { $0.count == 4 }, "an affine is 4×4")
        self.rows = rows
    }

    public static func diagonal(_ spacing: SIMD3<Double>) -> Affine {
        Affine(rows: [
            [spacing.x, 0, 0, 0],
            [0, spacing.y, 0, 0],
            [0, 0, spacing.z, 0],
            [0, 0, 0, 1],
        ])
    }

    /// World coordinates (mm, RAS+) of a voxel index.
    public func apply(_ ijk: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(
            rows[0][0] * ijk.x + rows[0][1] * ijk.y + rows[0][2] * ijk.z + rows[0][3],
            rows[1][0] * ijk.x + rows[1][1] * ijk.y + rows[1][2] * ijk.z + rows[1][3],
            rows[2][0] * ijk.x + rows[2][1] * ijk.y + rows[2][2] * ijk.z + rows[2][3]
        )
    }

    /// The world direction (RAS+) of array axis `axis` (0, 1, 2): a column of the 3×3 part.
    public func column(_ axis: Int) -> SIMD3<Double> {
        SIMD3(rows[0][axis], rows[1][axis], rows[2][axis])
    }
}
