import Testing
import VolumeIO
@testable import Estimator

struct StreamingEstimateTests {
    /// Surveying slices while the file inflates must not change anything: same masks, same figures.
    @Test func estimateFromBytesEqualsEstimateOfTheReadVolume() throws {
        var request = PhantomGenerator.Request(size: 96, slices: 16)
        request.targetInvolvementPercent = 30
        let phantom = PhantomGenerator(seed: 21).makeCase(number: 0, request)
        let bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        let (volume, streamed) = try LungEstimator().estimate(nifti: bytes)
        let direct = LungEstimator().estimate(try NIfTIReader().read(bytes).volume)
        #expect(volume.voxels == phantom.volume.voxels)
        #expect(streamed.masks == direct.masks)
        #expect(streamed.lungML == direct.lungML && streamed.lesionML == direct.lesionML)
        #expect(streamed.category == direct.category && streamed.flags == direct.flags)
    }

    /// A decoder that never reports to the watcher (or reports another volume) must not leave the
    /// estimate without its first pass: the surveys are then made from the volume it returns.
    @Test func decodingThatBypassesTheWatcherStillEstimates() throws {
        var request = PhantomGenerator.Request(size: 64, slices: 12)
        request.targetInvolvementPercent = 20
        let phantom = PhantomGenerator(seed: 23).makeCase(number: 0, request)
        let bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        let (_, bypassed) = try LungEstimator().estimate { _ in try NIfTIReader().read(bytes) }
        let (_, reported) = try LungEstimator().estimate { watcher in try bytes.withUnsafeBytes { try NIfTIReader().read($0, watcher: watcher) } }
        // The volume as read (the header stores spacing as float32), not the phantom's.
        let direct = LungEstimator().estimate(try NIfTIReader().read(bytes).volume)
        for result in [bypassed, reported] {
            #expect(result.masks == direct.masks)
            #expect(result.lungML == direct.lungML && result.lesionML == direct.lesionML && result.category == direct.category)
        }
    }

    @Test func corruptBytesThrowWithoutHanging() throws {
        let phantom = PhantomGenerator(seed: 22).makeCase(number: 0, PhantomGenerator.Request(size: 64, slices: 8))
        var bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        bytes.removeLast(bytes.count / 3)
        #expect(throws: (any Error).self) { _ = try LungEstimator().estimate(nifti: bytes) }
    }
}
