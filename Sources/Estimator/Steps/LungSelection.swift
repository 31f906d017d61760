/// Which air regions are lung, and on which side, after linking slices into 3-D regions.
struct LungSelection: Sendable {
    enum Assignment: Sendable, Equatable {
        case notLung
        case right
        case left
        /// Both lungs in one region (touching at a junction): split per slice at the midline.
        case eitherSide
    }

    /// `assignments[z][label]` (label 0 unused).
    var assignments: [[Assignment]]
    var lungsFound: Bool
}
