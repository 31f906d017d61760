/// The fields of a NIfTI-1 or NIfTI-2 header that decide how voxels are read and placed in space.
///
/// Values are as nibabel sees them after its load-time fixes: `pixdim[1...3]` made positive (0 → 1),
/// `pixdim[0]` (qfac) forced to 1 unless it is exactly −1, unknown q/sform codes set to 0.
public struct NIfTIHeader: Sendable, Equatable {
    public enum Version: Int, Sendable { case nifti1 = 1, nifti2 = 2 }
    public enum ByteOrder: Sendable { case littleEndian, bigEndian }

    public enum SpatialUnit: Int, Sendable {
        case unknown = 0, meter = 1, millimeter = 2, micron = 3

        /// Unknown units are taken as millimetres, as every viewer does.
        public var millimetres: Double {
            switch self {
            case .unknown, .millimeter: 1
            case .meter: 1000
            case .micron: 0.001
            }
        }
    }

    /// Data scaling `value = raw × slope + intercept`.
    public struct Scaling: Sendable, Equatable {
        public var slope: Double
        public var intercept: Double
    }

    public var version: Version
    public var byteOrder: ByteOrder
    /// `dim[0…7]` as stored.
    public var dim: [Int]
    public var datatype: NIfTIDatatype
    /// `pixdim[0…7]` after nibabel's fixes.
    public var pixdim: [Double]
    public var voxOffset: Int
    /// `scl_slope` and `scl_inter` as stored (possibly 0 or NaN).
    public var sclSlope: Double
    public var sclInter: Double
    public var qformCode: Int
    public var sformCode: Int
    /// Quaternion `b, c, d` of the qform.
    public var quaternion: SIMD3<Double>
    public var qoffset: SIMD3<Double>
    /// `srow_x`, `srow_y`, `srow_z`.
    public var srow: [[Double]]
    public var xyztUnits: Int

    public var headerSize: Int { version == .nifti1 ? 348 : 540 }

    /// The grid size along i, j, k.
    public var dims: SIMD3<Int> { SIMD3(dim[1], dim[2], dim[3]) }

    public var voxelCount: Int { dim[1] * dim[2] * dim[3] }

    public var spatialUnit: SpatialUnit { SpatialUnit(rawValue: xyztUnits & 0x07) ?? .unknown }

    /// Voxel size in millimetres (`pixdim[1…3]` converted from `xyzt_units`).
    public var spacingMillimetres: SIMD3<Double> {
        SIMD3(pixdim[1], pixdim[2], pixdim[3]) * spatialUnit.millimetres
    }

    /// nil when the header asks for no scaling (`scl_slope` 0 or not finite).
    public var scaling: Scaling? {
        guard sclSlope != 0, sclSlope.isFinite else { return nil }
        return Scaling(slope: sclSlope, intercept: sclInter)
    }
}
