import Testing
import VolumeIO
@testable import Estimator

struct GeometryTests {
    let shape = PlaneShape(width: 40, height: 30, spacingX: 1, spacingY: 2)

    @Test func distanceTransformHonoursAnisotropicSpacing() {
        var features = [Bool](repeating: false, count: shape.count)
        features[10 * 40 + 20] = true
        let distance = DistanceTransform.squaredDistance(to: features, shape: shape)
        #expect(distance[10 * 40 + 23] == 9)   // 3 px along x at 1 mm
        #expect(distance[13 * 40 + 20] == 36)  // 3 px along y at 2 mm
        #expect(distance[12 * 40 + 23] == 9 + 16)
    }

    @Test func fillHolesFillsEnclosedOnly() {
        var ring = [Bool](repeating: false, count: shape.count)
        for y in 5...15 { for x in 5...15 where y == 5 || y == 15 || x == 5 || x == 15 { ring[y * 40 + x] = true } }
        let filled = Morphology.fillHoles(ring, shape: shape)
        #expect(filled[10 * 40 + 10])
        #expect(!filled[20 * 40 + 30])
    }

    @Test func openingRemovesThinLinesAndKeepsBlobs() {
        let square = PlaneShape(width: 60, height: 60, spacingX: 1, spacingY: 1)
        var mask = [Bool](repeating: false, count: square.count)
        for y in 10..<30 { for x in 10..<30 { mask[y * 60 + x] = true } }
        for x in 35..<58 { mask[45 * 60 + x] = true; mask[46 * 60 + x] = true }
        let opened = Morphology.open(mask, shape: square, radiusMM: 2.5)
        #expect(opened[20 * 60 + 20])
        #expect(!opened[45 * 60 + 45])
    }

    @Test func closingFillsNarrowNotch() {
        let square = PlaneShape(width: 80, height: 80, spacingX: 1, spacingY: 1)
        var mask = [Bool](repeating: false, count: square.count)
        for y in 10..<70 { for x in 10..<70 where !(x >= 36 && x < 44 && y < 30) { mask[y * 80 + x] = true } }
        let closed = Morphology.close(mask, shape: square, radiusMM: 8)
        #expect(closed[20 * 80 + 40])
        #expect(!closed[5 * 80 + 40])
    }

    @Test(arguments: [
        // (affine diagonal signs, canonical (0,0,0) lands on input voxel)
        (SIMD3<Double>(-1, -1, 1), SIMD3<Int>(0, 0, 0)),  // LPS: canonical already
        (SIMD3<Double>(1, 1, 1), SIMD3<Int>(3, 2, 0)),    // RAS: x and y reversed
        (SIMD3<Double>(-1, -1, -1), SIMD3<Int>(0, 0, 1)), // LPI: z reversed
    ])
    func canonicalGridFollowsOrientation(signs: SIMD3<Double>, expected: SIMD3<Int>) {
        let affine = Affine.diagonal(signs)
        let volume = Volume(dims: SIMD3(4, 3, 2), spacing: SIMD3(1, 1, 1), affine: affine, voxels: [Int16](repeating: 0, count: 24))
        let grid = CanonicalGrid(volume: volume)
        #expect(grid.index(0, 0, 0) == volume.index(expected.x, expected.y, expected.z))
        #expect(grid.size == SIMD3(4, 3, 2))
    }

    @Test func canonicalGridHandlesPermutedAxes() {
        // Array axis 0 runs superior, axis 2 runs to the patient's left.
        let affine = Affine(rows: [[0, 0, -1, 0], [0, -1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]])
        let volume = Volume(dims: SIMD3(5, 3, 4), spacing: SIMD3(2, 1, 1), affine: affine, voxels: [Int16](repeating: 0, count: 60))
        let grid = CanonicalGrid(volume: volume)
        #expect(grid.size == SIMD3(4, 3, 5))
        #expect(grid.spacing.z == 2)
        #expect(grid.index(1, 0, 0) == volume.index(0, 0, 1))
        #expect(grid.index(0, 0, 1) == volume.index(1, 0, 0))
    }
}
