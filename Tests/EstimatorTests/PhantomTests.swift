import Testing
import VolumeIO
@testable import Estimator

struct PhantomTests {
    @Test func sameSeedSameCase() {
        let request = PhantomGenerator.Request(size: 64, slices: 12, targetInvolvementPercent: 30)
        let a = PhantomGenerator(seed: 5).makeCase(number: 2, request)
        let b = PhantomGenerator(seed: 5).makeCase(number: 2, request)
        let c = PhantomGenerator(seed: 6).makeCase(number: 2, request)
        #expect(a.volume == b.volume)
        #expect(a.volume != c.volume)
    }

    @Test(arguments: [0.0, 25, 50, 75])
    func truthLandsOnTarget(target: Double) {
        let request = PhantomGenerator.Request(size: 96, slices: 16, targetInvolvementPercent: target)
        let phantom = PhantomGenerator(seed: 7).makeCase(number: 0, request)
        #expect(abs(phantom.involvementPercent - target) < 0.5)
        #expect(zip(phantom.lesionTruth, phantom.lungTruth).allSatisfy { $0 == 0 || $1 != 0 })
        #expect(phantom.lungML > 1500 && phantom.lungML < 8000)
    }

    @Test func rightLungIsOnThePatientsRight() {
        let phantom = PhantomGenerator(seed: 8).makeCase(number: 0, .init(size: 64, slices: 12, targetInvolvementPercent: 0))
        let volume = phantom.volume
        var sumRight = 0.0, countRight = 0.0
        for z in 0..<volume.dims.z { for y in 0..<volume.dims.y { for x in 0..<volume.dims.x where phantom.lungTruth[volume.index(x, y, z)] == 1 {
            sumRight += volume.affine.apply(SIMD3(Double(x), Double(y), Double(z))).x
            countRight += 1
        } } }
        #expect(sumRight / countRight > 0, "RAS+ x grows toward the patient's right")
    }
}
