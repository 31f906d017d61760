/// How far a second reading's category is from the first one (§5).
public enum Discrepancy: String, Sendable, CaseIterable {
    case none
    /// One category apart on the same side of the home/hospital line.
    case minor
    /// Far apart or across the home/hospital line: a third radiologist arbitrates.
    case major

    public var needsArbitration: Bool { self == .major }
}
