/// An earlier study of the same patient, used by the progression rule (§3).
public struct PriorStudy: Sendable, Equatable {
    /// Lesion volume / lung volume of the earlier study, in percent.
    public var involvementPercent: Double
    /// How long before the current study it was acquired.
    public var hoursBefore: Double

    public init(involvementPercent: Double, hoursBefore: Double) {
        self.involvementPercent = involvementPercent
        self.hoursBefore = hoursBefore
    }
}
