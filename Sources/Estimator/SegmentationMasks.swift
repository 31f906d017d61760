import VolumeIO

/// Lung and lesion labels, one byte per voxel: bits 0–1 hold the lung side (1 right, 2 left), bit 2
/// marks a lesion voxel.
///
/// Held per axial slice over the lungs' bounding box (a quarter of the slice or less), not as a whole
/// volume next to the voxels; `packed`, `lungLabels` and `lesionMask` build input-grid arrays on demand.
public struct SegmentationMasks: Sendable {
    public static let rightLung: UInt8 = 1
    public static let leftLung: UInt8 = 2
    public static let lesion: UInt8 = 4

    /// The input grid's dimensions.
    public let dims: SIMD3<Int>
    let grid: CanonicalGrid
    /// Canonical axial slices, inferior → superior.
    let slices: [CroppedPlane<UInt8>]

    init(dims: SIMD3<Int>, grid: CanonicalGrid, slices: [CroppedPlane<UInt8>]) {
        precondition(slices.count == grid.size.z, "one label plane per slice")
        self.dims = dims
        self.grid = grid
        self.slices = slices
    }

    /// Labels given one byte per voxel in `volume`'s array order.
    public init(volume: Volume, packed: [UInt8]) {
        precondition(packed.count == volume.voxelCount, "mask size must match the volume")
        let grid = CanonicalGrid(volume: volume)
        self.init(dims: volume.dims, grid: grid, slices: (0..<grid.size.z).map { z in
            CroppedPlane(grid.slice(z, of: packed), shape: grid.planeShape)
        })
    }

    public var voxelCount: Int { dims.x * dims.y * dims.z }

    /// All labels on the input grid.
    public var packed: [UInt8] { inputGrid { $0 } }

    /// 1 = right lung, 2 = left lung, 0 elsewhere.
    public var lungLabels: [UInt8] { inputGrid { $0 & 3 } }

    /// 1 where a lesion was found.
    public var lesionMask: [UInt8] { inputGrid { $0 & Self.lesion == 0 ? 0 : 1 } }

    /// The label of canonical voxel (x, y, z).
    func label(_ x: Int, _ y: Int, _ z: Int) -> UInt8 { slices[z].value(x, y) }

    /// An input-grid array of `transform(label)`; `transform` must keep 0 at 0.
    private func inputGrid(_ transform: (UInt8) -> UInt8) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: voxelCount)
        for (z, plane) in slices.enumerated() where !plane.isEmpty {
            for y in 0..<plane.height {
                for x in 0..<plane.width {
                    let value = transform(plane.values[y * plane.width + x])
                    if value != 0 { result[grid.index(plane.x0 + x, plane.y0 + y, z)] = value }
                }
            }
        }
        return result
    }
}

extension SegmentationMasks: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.dims == rhs.dims && lhs.packed == rhs.packed
    }
}
