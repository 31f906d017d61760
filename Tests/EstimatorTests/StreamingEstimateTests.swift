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

    @Test func corruptBytesThrowWithoutHanging() throws {
        let phantom = PhantomGenerator(seed: 22).makeCase(number: 0, PhantomGenerator.Request(size: 64, slices: 8))
        var bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        bytes.removeLast(bytes.count / 3)
        #expect(throws: (any Error).self) { _ = try LungEstimator().estimate(nifti: bytes) }
    }
}
