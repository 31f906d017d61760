/// A CT volume in Hounsfield units on a regular grid, as every later stage of the pipeline sees it.
///
/// Voxels are stored x-fastest (`index = x + dims.x * (y + dims.y * z)`), as in NIfTI.
public struct Volume: Sendable, Equatable {
    /// Grid size along the three array axes (i, j, k).
    public var dims: SIMD3<Int>
    /// Voxel size in millimetres along each array axis (always positive).
    public var spacing: SIMD3<Double>
    /// Voxel index (i, j, k, 1) → world millimetres in RAS+ (nibabel's `img.affine`), row-major 4×4.
    public var affine: Affine
    /// Hounsfield units, clamped to the Int16 range.
    public var voxels: [Int16]
    /// True when at least one scaled value fell outside the Int16 range and was clamped.
    public var valuesClamped: Bool

    public init(dims: SIMD3<Int>, spacing: SIMD3<Double>, affine: Affine, voxels: [Int16], valuesClamped: Bool = false) {
        precondition(dims.x > 0 && dims.y > 0 && dims.z > 0, "volume dimensions must be positive")
        precondition(voxels.count == dims.x * dims.y * dims.z, "voxel count must equal the product of dims")
        self.dims = dims
        self.spacing = spacing
        self.affine = affine
        self.voxels = voxels
        self.valuesClamped = valuesClamped
    }

    public var voxelCount: Int { dims.x * dims.y * dims.z }

    /// Volume of one voxel in millilitres.
    public var voxelVolumeML: Double { spacing.x * spacing.y * spacing.z / 1000 }

    @inline(__always)
    public func index(_ x: Int, _ y: Int, _ z: Int) -> Int { x + dims.x * (y + dims.y * z) }

    @inline(__always)
    public subscript(x: Int, y: Int, z: Int) -> Int16 { voxels[index(x, y, z)] }

    /// Anatomical direction of each array axis, derived from the affine.
    public var orientation: Orientation { Orientation(affine: affine) }
}
