import Testing
@testable import Estimator

struct DiaphragmCheckTests {
    let configuration = EstimatorConfiguration()

    /// A right lung crossed by a thin slab of dense tissue of `denseHU` that meets the chest wall (so it
    /// is no island); in the slice beneath, that slab is not lung. Returns the envelope after the check
    /// and the index of a dense pixel.
    func check(denseHU: Int16) -> (envelope: [Bool], dense: Int) {
        var slice = SyntheticSlice(size: 200, spacing: 1.6, fill: -1000)
        slice.ellipse(cx: 0, cy: 0, a: 150, b: 110, value: 50)
        slice.ellipse(cx: -65, cy: 0, a: 55, b: 75, value: -850)
        let lung = slice.hu.map { $0 == -850 }
        var domeSlice = slice
        domeSlice.ellipse(cx: -95, cy: 25, a: 45, b: 8, value: 1)
        let dome = (0..<lung.count).map { lung[$0] && domeSlice.hu[$0] == 1 }
        for i in slice.hu.indices where dome[i] { slice.hu[i] = denseHU }
        let bits = (0..<lung.count).map { i -> UInt8 in
            lung[i] ? SliceEnvelopes.right | (dome[i] ? 0 : SliceEnvelopes.aerated) : 0
        }
        let below = (0..<lung.count).map { lung[$0] && !dome[$0] ? SliceEnvelopes.right : 0 }
        var envelope = lung
        DiaphragmCheck.exclude(
            &envelope, aerated: bits, below: below,
            smoothed: Morphology.boxMean(slice.hu, shape: slice.shape, radiusMM: configuration.smoothingRadiusMM),
            organLowerHU: configuration.dependentMaximumMeanHU, shape: slice.shape
        )
        return (envelope, dome.firstIndex(of: true)!)
    }

    /// Liver density (55 HU) over the abdomen below, touching the chest wall: the dome, not lung.
    @Test func domeTopMeetingTheChestWallLeavesTheEnvelope() {
        let result = check(denseHU: 55)
        #expect(!result.envelope[result.dense])
    }

    /// Airless lung (10 HU) in the same place stays: consolidation at the base is lung.
    @Test func consolidationAtTheBaseMeetingTheChestWallStays() {
        let result = check(denseHU: 10)
        #expect(result.envelope[result.dense])
    }
}
