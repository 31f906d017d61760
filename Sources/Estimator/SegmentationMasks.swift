import VolumeIO

/// Lung and lesion labels, one byte per voxel: bits 0–1 hold the lung side (1 right, 2 left), bit 2
/// marks a lesion voxel.
///
/// Held per axial slice of the analysis grid over the lungs' bounding box (a quarter of the slice or
/// less), not as a whole volume next to the voxels; `packed`, `lungLabels` and `lesionMask` build
/// input-grid arrays on demand, each analysis pixel labelling the input pixels of its block.
public struct SegmentationMasks: Sendable {
    public static let rightLung: UInt8 = 1
    public static let leftLung: UInt8 = 2
    public static let lesion: UInt8 = 4

    /// The input grid's dimensions.
    public let dims: SIMD3<Int>
    let grid: AnalysisGrid
    /// Canonical axial slices of the analysis grid, inferior → superior.
    let slices: [CroppedPlane]
    /// Set when blocks were averaged: the lung border is then redrawn on the input's pixels.
    let refinement: BorderRefinement?

    init(dims: SIMD3<Int>, grid: AnalysisGrid, slices: [CroppedPlane], refinement: BorderRefinement? = nil) {
        precondition(slices.count == grid.size.z, "one label plane per slice")
        self.dims = dims
        self.grid = grid
        self.slices = slices
        self.refinement = grid.binning > 1 ? refinement : nil
    }

    /// Labels given one byte per voxel in `volume`'s array order.
    public init(volume: Volume, packed: [UInt8]) {
        precondition(packed.count == volume.voxelCount, "mask size must match the volume")
        let grid = CanonicalGrid(volume: volume)
        self.init(dims: volume.dims, grid: AnalysisGrid(fine: grid, binning: 1), slices: (0..<grid.size.z).map { z in
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

    /// The label of full-resolution canonical voxel (x, y, z).
    func label(_ x: Int, _ y: Int, _ z: Int) -> UInt8 {
        if let refinement { return refinement.label(x, y, z, plane: slices[z]) }
        return slices[z].value(x / grid.binning, y / grid.binning)
    }

    /// An input-grid array of `transform(label)`; `transform` must keep 0 at 0.
    private func inputGrid(_ transform: (UInt8) -> UInt8) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: voxelCount)
        for (z, plane) in slices.enumerated() where !plane.isEmpty {
            // Blocks just outside the box can take lung pixels on the border.
            let margin = refinement == nil ? 0 : 1
            for y in -margin..<plane.height + margin where plane.y0 + y >= 0 && plane.y0 + y < grid.size.y {
                for x in -margin..<plane.width + margin where plane.x0 + x >= 0 && plane.x0 + x < grid.size.x {
                    let bx = plane.x0 + x, by = plane.y0 + y
                    let block = grid.block(bx, by)
                    if let refinement, case let rule = refinement.rule(bx, by, plane: plane), rule.isBorder {
                        for fy in block.ys {
                            for fx in block.xs {
                                let value = transform(refinement.label(fx, fy, z, rule: rule))
                                if value != 0 { result[grid.fine.index(fx, fy, z)] = value }
                            }
                        }
                    } else {
                        let value = transform(plane.value(bx, by))
                        guard value != 0 else { continue }
                        for fy in block.ys { for fx in block.xs { result[grid.fine.index(fx, fy, z)] = value } }
                    }
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
