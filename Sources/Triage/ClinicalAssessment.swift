/// What the vitals alone say (§2), before they are combined with the CT.
public struct ClinicalAssessment: Sendable, Equatable {
    /// The highest level whose condition holds; `nil` when the known vitals add nothing (§2 "none"),
    /// including when nothing is known yet (§2 "unknown" — see `pendingFields`).
    public var level: Severity?
    /// SpO2 below the override bound: ambulance hospitalisation, top of every queue.
    public var emergency: Bool
    /// Required vitals (temperature, RR, SpO2) not entered yet.
    public var pendingFields: [VitalField]
    /// One readable line per rule row that fired.
    public var trace: [String]

    public init(level: Severity?, emergency: Bool, pendingFields: [VitalField], trace: [String]) {
        self.level = level
        self.emergency = emergency
        self.pendingFields = pendingFields
        self.trace = trace
    }
}
