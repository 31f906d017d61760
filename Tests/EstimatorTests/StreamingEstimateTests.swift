import Glibc
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

    /// A slow inflate leaves the helper time to make envelopes from the slices decoded so far; those it
    /// reuses must give exactly the estimate of the finished volume, and some must have been made.
    @Test func envelopesMadeWhileInflatingChangeNothing() throws {
        var request = PhantomGenerator.Request(size: 128, slices: 24)
        request.targetInvolvementPercent = 35
        // Slices become ready one after another only when they are the file's outermost axis.
        let phantom = try #require((0..<16).lazy.map { PhantomGenerator(seed: 24).makeCase(number: $0, request) }.first {
            [.superior, .inferior].contains($0.volume.orientation.axes[2])
        })
        let bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        let survey = StreamingSurvey(body: BodySegmenter(configuration: EstimatorConfiguration()))
        let volume = try bytes.withUnsafeBytes { try NIfTIReader().read($0, watcher: SlowWatcher(passingTo: survey)).volume }
        let firstPass = try #require(survey.takeSurveys(of: volume))
        #expect(firstPass.speculated.contains { $0 != nil })
        let speculative = LungEstimator().estimate(volume, surveys: firstPass.surveys, binned: firstPass.binned, speculated: firstPass.speculated)
        let direct = LungEstimator().estimate(volume)
        #expect(speculative.masks == direct.masks)
        #expect(speculative.lungML == direct.lungML && speculative.lesionML == direct.lesionML)
        #expect(speculative.category == direct.category && speculative.flags == direct.flags)
    }

    @Test func corruptBytesThrowWithoutHanging() throws {
        let phantom = PhantomGenerator(seed: 22).makeCase(number: 0, PhantomGenerator.Request(size: 64, slices: 8))
        var bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        bytes.removeLast(bytes.count / 3)
        #expect(throws: (any Error).self) { _ = try LungEstimator().estimate(nifti: bytes) }
    }
}

/// Passes every report on, pausing as a slow inflate would. On a loaded machine (other tests hold the
/// pool's threads) the helper can start late and survey slowly, so from half-way through the volume it
/// waits (up to 30 s) for the helper's first speculative envelope before going on.
private final class SlowWatcher: VoxelWatcher {
    let inner: StreamingSurvey
    var total = 0
    init(passingTo inner: StreamingSurvey) { self.inner = inner }
    func begin(dims: SIMD3<Int>, spacing: SIMD3<Double>, affine: Affine, voxels: UnsafeBufferPointer<Int16>) {
        total = voxels.count
        inner.begin(dims: dims, spacing: spacing, affine: affine, voxels: voxels)
    }
    func decoded(_ count: Int) {
        inner.decoded(count)
        usleep(20_000)
        guard 2 * count >= total, count < total else { return }
        for _ in 0..<3000 where inner.speculationCount == 0 { usleep(10_000) }
    }
    func end(complete: Bool) { inner.end(complete: complete) }
}
