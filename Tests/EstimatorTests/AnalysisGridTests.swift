import Testing
import VolumeIO
@testable import Estimator

struct AnalysisGridTests {
    /// A volume stored with permuted, flipped axes and odd in-plane sizes, so blocks at the far edges
    /// are partial.
    static func permutedVolume() -> Volume {
        let affine = Affine(rows: [[0, 0, -0.7, 0], [0, -0.7, 0, 0], [3, 0, 0, 0], [0, 0, 0, 1]])
        var random = SplitMix64(seed: 4)
        let voxels = (0..<(4 * 5 * 7)).map { _ in Int16(Int(random.next() % 2001) - 1000) }
        return Volume(dims: SIMD3(4, 5, 7), spacing: SIMD3(3, 0.7, 0.7), affine: affine, voxels: voxels)
    }

    @Test func slicesAreRoundedBlockMeans() {
        let volume = Self.permutedVolume()
        let fine = CanonicalGrid(volume: volume)
        let grid = AnalysisGrid(fine: fine, binning: 2)
        #expect(fine.size == SIMD3(7, 5, 4))
        #expect(grid.size == SIMD3(4, 3, 4))
        #expect(grid.spacing == SIMD3(1.4, 1.4, 3))
        for z in 0..<grid.size.z {
            let slice = grid.slice(z, of: volume.voxels)
            for y in 0..<grid.size.y {
                for x in 0..<grid.size.x {
                    let block = grid.block(x, y)
                    var sum = 0
                    for fy in block.ys { for fx in block.xs { sum += Int(volume.voxels[fine.index(fx, fy, z)]) } }
                    let count = block.xs.count * block.ys.count
                    let expected = Int((Double(sum) / Double(count) + 0.5).rounded(.down))
                    #expect(Int(slice[y * grid.size.x + x]) == expected, "block \(x), \(y), \(z)")
                }
            }
        }
    }

    @Test(arguments: [(0.5, 3), (0.58, 3), (0.6, 2), (0.77, 2), (0.875, 2), (0.9, 1), (1.3, 1), (3.0, 1)])
    func blocksAreTheLargestNoWiderThanTheLimit(spacing: Double, binning: Int) {
        let volume = Volume(dims: SIMD3(8, 8, 2), spacing: SIMD3(spacing, spacing, 5), affine: .diagonal(SIMD3(spacing, spacing, 5)), voxels: [Int16](repeating: 0, count: 128))
        #expect(AnalysisGrid(volume: volume, configuration: EstimatorConfiguration()).binning == binning)
    }

    @Test func quotientsRoundHalvesUp() {
        let cases: [(Int32, Int32, Int32)] = [(5, 4, 1), (6, 4, 2), (-5, 4, -1), (-6, 4, -1), (-7, 4, -2), (0, 4, 0), (-3, 2, -1), (7, 3, 2)]
        for (sum, count, expected) in cases {
            #expect(AnalysisGrid.roundedQuotient(sum, count) == expected, "\(sum) / \(count)")
        }
    }

    /// Each in-plane pixel of `volume` copied into a 2 × 2 block, at half the spacing.
    static func doubled(_ volume: Volume) -> Volume {
        let through = volume.orientation.axes.firstIndex { $0 == .superior || $0 == .inferior }!
        var factor = SIMD3(2, 2, 2)
        factor[through] = 1
        var spacing = volume.spacing
        var rows = volume.affine.rows
        for axis in 0..<3 where factor[axis] == 2 {
            spacing[axis] /= 2
            for row in 0..<3 {
                rows[row][3] -= rows[row][axis] / 4
                rows[row][axis] /= 2
            }
        }
        let dims = volume.dims &* factor
        var voxels: [Int16] = []
        voxels.reserveCapacity(dims.x * dims.y * dims.z)
        for k in 0..<dims.z {
            for j in 0..<dims.y {
                for i in 0..<dims.x { voxels.append(volume.voxels[volume.index(i / factor.x, j / factor.y, k / factor.z)]) }
            }
        }
        return Volume(dims: dims, spacing: spacing, affine: Affine(rows: rows), voxels: voxels)
    }

    /// A study at twice the matrix, each pixel repeated in a 2 × 2 block, averages back to the original
    /// exactly: the measurement must be the same to the last digit.
    @Test func doubledMatrixMeasuresTheSame() {
        var request = PhantomGenerator.Request(size: 256, slices: 14)
        request.targetInvolvementPercent = 30
        let phantom = PhantomGenerator(seed: 21).makeCase(number: 0, request)
        let original = LungEstimator().estimate(phantom.volume)
        let doubled = Self.doubled(phantom.volume)
        #expect(AnalysisGrid(volume: phantom.volume, configuration: EstimatorConfiguration()).binning == 1)
        #expect(AnalysisGrid(volume: doubled, configuration: EstimatorConfiguration()).binning == 2)
        let fromDoubled = LungEstimator().estimate(doubled)
        #expect(original.lungML > 1000 && original.lesionML > 0)
        #expect(fromDoubled.lungML == original.lungML)
        #expect(fromDoubled.lesionML == original.lesionML)
        #expect(fromDoubled.category == original.category)
        #expect(fromDoubled.flags == original.flags)
        #expect(fromDoubled.masks.lungLabels.count == doubled.voxelCount)
    }

    @Test func lungBorderIsRedrawnOnTheInputPixels() {
        let dims = SIMD3(8, 8, 1)
        let spacing = SIMD3(0.75, 0.75, 5.0)
        let fine = CanonicalGrid(dims: dims, spacing: spacing, orientation: Orientation(affine: .diagonal(spacing)))
        // Aerated lung in canonical columns 0–4, chest wall beyond: the border cuts blocks of column 2.
        var voxels = [Int16](repeating: 40, count: 64)
        for y in 0..<8 { for x in 0..<5 { voxels[fine.index(x, y, 0)] = -850 } }
        let grid = AnalysisGrid(fine: fine, binning: 2)
        var blocks = [UInt8](repeating: 0, count: 16)
        for by in 0..<4 { for bx in 0..<3 { blocks[by * 4 + bx] = SegmentationMasks.rightLung } }
        // A lesion block on the border keeps its label: consolidation is as dense as the wall.
        blocks[2] = SegmentationMasks.rightLung | SegmentationMasks.lesion
        let plane = CroppedPlane(blocks, shape: grid.planeShape)
        let refined = SegmentationMasks(
            dims: dims, grid: grid, slices: [plane],
            refinement: BorderRefinement(grid: grid, voxels: voxels, airThresholdHU: -400)
        )
        let blocky = SegmentationMasks(dims: dims, grid: grid, slices: [plane])
        let lungs = refined.lungLabels, lesions = refined.lesionMask, whole = blocky.lungLabels
        for y in 0..<8 {
            for x in 0..<8 {
                let index = fine.index(x, y, 0)
                let inLesionBlock = (4...5).contains(x) && y < 2
                #expect(lungs[index] == (x < 5 || inLesionBlock ? 1 : 0), "pixel \(x), \(y)")
                #expect(lesions[index] == (inLesionBlock ? 1 : 0), "pixel \(x), \(y)")
                #expect(whole[index] == (x < 6 ? 1 : 0), "pixel \(x), \(y)")
            }
        }
    }
}
