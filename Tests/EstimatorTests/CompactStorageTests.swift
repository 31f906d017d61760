import Testing
import VolumeIO
@testable import Estimator

/// The compact forms that per-slice results are held in must give back exactly what went in.
struct CompactStorageTests {
    /// Labels with runs that touch row ends, single pixels and repeats of a label after a gap.
    private static func labelPlane(width: Int, height: Int, seed: UInt64) -> [UInt16] {
        var random = SplitMix64(seed: seed)
        var plane = [UInt16](repeating: 0, count: width * height)
        var i = 0
        while i < plane.count {
            let length = Int(random.next() % 7) + 1
            let value = UInt16(random.next() % 4)
            for j in i..<min(plane.count, i + length) { plane[j] = value }
            i += length
        }
        return plane
    }

    @Test(arguments: [(1, 1), (7, 5), (16, 9), (33, 2)])
    func labelRunsGiveBackEveryPixel(width: Int, height: Int) {
        let plane = Self.labelPlane(width: width, height: height, seed: UInt64(width * 100 + height))
        var rebuilt = [UInt16](repeating: 0, count: plane.count)
        var rowCrossing = false
        LabelRuns(plane, width: width).forEachRun { run, label in
            if run.lowerBound / width != (run.upperBound - 1) / width { rowCrossing = true }
            for i in run { rebuilt[i] = label }
        }
        #expect(rebuilt == plane)
        #expect(!rowCrossing)
    }

    /// The pairs of labels that share a pixel, in the order a pixel-by-pixel scan first meets them.
    @Test(arguments: [1, 2, 3, 4, 5])
    func labelRunOverlapsMatchAPixelScan(seed: UInt64) {
        let width = 13, height = 11
        let lower = Self.labelPlane(width: width, height: height, seed: seed)
        let upper = Self.labelPlane(width: width, height: height, seed: seed + 1000)
        var scanned: [[UInt16]] = []
        for i in lower.indices where lower[i] != 0 && upper[i] != 0 && scanned.last != [lower[i], upper[i]] {
            scanned.append([lower[i], upper[i]])
        }
        var overlaps: [[UInt16]] = []
        LabelRuns(lower, width: width).forEachOverlap(with: LabelRuns(upper, width: width)) { a, b in
            if overlaps.last != [a, b] { overlaps.append([a, b]) }
        }
        #expect(overlaps == scanned)
    }

    /// Masks are held per canonical slice; on a volume stored with permuted, flipped axes they must
    /// come back on the input grid unchanged.
    @Test func segmentationMasksRoundTripOnAPermutedGrid() {
        let affine = Affine(rows: [[0, 0, -1, 0], [0, -1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]])
        let volume = Volume(dims: SIMD3(5, 3, 4), spacing: SIMD3(2, 1, 1), affine: affine, voxels: [Int16](repeating: 0, count: 60))
        var random = SplitMix64(seed: 9)
        let packed = (0..<60).map { _ in [0, 1, 2, 5, 6][Int(random.next() % 5)] as UInt8 }
        let masks = SegmentationMasks(volume: volume, packed: packed)
        #expect(masks.packed == packed)
        #expect(masks.lungLabels == packed.map { $0 & 3 })
        #expect(masks.lesionMask == packed.map { $0 & 4 == 0 ? 0 : 1 })
        let grid = CanonicalGrid(volume: volume)
        #expect(masks.label(1, 2, 3) == packed[grid.index(1, 2, 3)])
    }
}
