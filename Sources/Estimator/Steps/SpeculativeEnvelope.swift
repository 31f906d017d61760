/// A slice's lung envelopes made while the file was still being inflated, from the lung selection and
/// airways of the slices decoded so far. It stands in for the envelopes of the finished volume only
/// when that volume gives the slice the same assignments and airways: `SliceEnvelopes` depends on
/// nothing else, so the result is the same either way.
struct SpeculativeEnvelope: Sendable {
    let assignments: [LungSelection.Assignment]
    let airways: Set<UInt16>
    let envelope: CroppedPlane

    func matches(assignments: [LungSelection.Assignment], airways: Set<UInt16>) -> Bool {
        self.assignments == assignments && self.airways == airways
    }
}
