import Testing
@testable import Estimator

struct EnvelopeBridgingTests {
    let right = SliceEnvelopes.right, left = SliceEnvelopes.left, airway = SliceEnvelopes.airway

    /// Consolidated lung at the mediastinum drops out of one slice's envelope; the same lung above and
    /// below it marks it as lung, while pixels that are lung on one side only stay out.
    @Test func pixelBetweenTheSameLungAboveAndBelowIsTaken() {
        let below: [UInt8] = [right, right, right, 0, left]
        let above: [UInt8] = [right, right, 0, right, right]
        let here: [UInt8] = [right, 0, 0, 0, 0]
        #expect(EnvelopeBridging.bridge(here, below: below, above: above) == [right, right, 0, 0, 0])
    }

    @Test func airwayAndTheOtherLungAreKept() {
        let below: [UInt8] = [right, right]
        let above: [UInt8] = [right, right]
        let here: [UInt8] = [airway, left]
        #expect(EnvelopeBridging.bridge(here, below: below, above: above) == [airway, left])
    }
}
