import Testing
@testable import Estimator

struct EnvelopeBridgingTests {
    let right = SliceEnvelopes.right, left = SliceEnvelopes.left, airway = SliceEnvelopes.airway

    /// One row of pixels, the neighbours kept over their boxes as the estimator keeps them.
    func bridge(_ here: [UInt8], below: [UInt8], above: [UInt8]) -> [UInt8] {
        let shape = PlaneShape(width: here.count, height: 1, spacingX: 1, spacingY: 1)
        var bits = here
        EnvelopeBridging.bridge(&bits, below: CroppedPlane(below, shape: shape), above: CroppedPlane(above, shape: shape))
        return bits
    }

    /// Consolidated lung at the mediastinum drops out of one slice's envelope; the same lung above and
    /// below it marks it as lung, while pixels that are lung on one side only stay out.
    @Test func pixelBetweenTheSameLungAboveAndBelowIsTaken() {
        let below: [UInt8] = [right, right, right, 0, left]
        let above: [UInt8] = [right, right, 0, right, right]
        let here: [UInt8] = [right, 0, 0, 0, 0]
        #expect(bridge(here, below: below, above: above) == [right, right, 0, 0, 0])
    }

    @Test func airwayAndTheOtherLungAreKept() {
        let below: [UInt8] = [right, right]
        let above: [UInt8] = [right, right]
        let here: [UInt8] = [airway, left]
        #expect(bridge(here, below: below, above: above) == [airway, left])
    }

    /// Neighbours whose boxes overlap only in part: only the overlap can be bridged.
    @Test func onlyWhereBothNeighboursBoxesOverlap() {
        let below: [UInt8] = [0, right, right, right, 0, 0]
        let above: [UInt8] = [0, 0, 0, right, right, right]
        #expect(bridge([0, 0, 0, 0, 0, 0], below: below, above: above) == [0, 0, 0, right, 0, 0])
        #expect(bridge([0, 0, 0, 0, 0, 0], below: below, above: [0, 0, 0, 0, 0, 0]) == [0, 0, 0, 0, 0, 0])
    }
}
