import Testing
import VolumeIO
@testable import Estimator

struct EstimatorEndToEndTests {
    static let small = PhantomGenerator.Request(size: 96, slices: 16)
    /// Half MosMedData's in-plane matrix with its slice count: the coarsest grid the estimator is meant for.
    static let reduced = PhantomGenerator.Request(size: 256, slices: 40)

    @Test func healthyPhantomsReadCT0() {
        for number in 0..<2 {
            var request = Self.reduced
            request.targetInvolvementPercent = 0
            let phantom = PhantomGenerator(seed: 11).makeCase(number: number, request)
            let result = LungEstimator().estimate(phantom.volume)
            #expect(result.category == .ct0, "case \(number): \(result.involvementPercent) %")
            #expect(Dice.coefficient(result.masks.lungLabels, phantom.lungTruth)! > 0.9)
        }
    }

    @Test func involvementTracksTruthLoosely() {
        var request = Self.small
        request.targetInvolvementPercent = 20
        let phantom = PhantomGenerator(seed: 12).makeCase(number: 0, request)
        let result = LungEstimator().estimate(phantom.volume)
        #expect(abs(phantom.involvementPercent - 20) < 1.5)
        #expect(result.involvementPercent > 5 && result.involvementPercent < 35)
        #expect(abs(result.rightLungML + result.leftLungML - result.lungML) < 1e-6)
        #expect(result.rightLungML > 0 && result.leftLungML > 0)
        #expect(result.flags.contains(.thickSlices))
    }

    @Test func estimateIsDeterministic() {
        let phantom = PhantomGenerator(seed: 13).makeCase(number: 1, Self.small)
        let first = LungEstimator().estimate(phantom.volume)
        let second = LungEstimator().estimate(phantom.volume)
        #expect(first.masks == second.masks)
        #expect(first.lesionML == second.lesionML)
    }

    @Test func emptyVolumeIsNotChest() {
        let volume = Volume(dims: SIMD3(32, 32, 4), spacing: SIMD3(1, 1, 1), affine: .diagonal(SIMD3(-1, -1, 1)), voxels: [Int16](repeating: -1000, count: 4096))
        let result = LungEstimator().estimate(volume)
        #expect(result.category == nil)
        #expect(result.flags.contains(.notChest))
    }

    @Test func nearBoundaryAndClampedFlags() {
        var request = Self.small
        request.targetInvolvementPercent = 0
        var phantom = PhantomGenerator(seed: 14).makeCase(number: 0, request).volume
        phantom.valuesClamped = true
        var configuration = EstimatorConfiguration()
        configuration.boundaryMarginPercent = 30
        let result = LungEstimator(configuration: configuration).estimate(phantom)
        #expect(result.flags.contains(.valuesClamped))
        #expect(result.flags.contains(.nearCategoryBoundary))
    }
}
