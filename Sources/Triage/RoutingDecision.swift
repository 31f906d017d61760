/// The router's answer for one study: where the patient goes, how urgently the study is read, and why.
public struct RoutingDecision: Sendable, Equatable {
    /// Final routing severity (§3).
    public var severity: Severity
    /// The CT's own severity, after the CT-0 + typical-clinic adjustment.
    public var ctSeverity: Severity
    /// What the vitals alone said.
    public var clinical: ClinicalAssessment
    /// Whether the progression rule raised the severity floor.
    public var progressionApplied: Bool
    public var emergency: Bool
    public var tier: PriorityTier
    /// Clinician-facing decision text for the setting (§4), with "vitals pending" when applicable.
    public var decision: String
    /// Readable lines: every rule row that fired with the values that made it fire.
    public var trace: [String]

    public var vitalsPending: Bool { !clinical.pendingFields.isEmpty }

    public init(
        severity: Severity,
        ctSeverity: Severity,
        clinical: ClinicalAssessment,
        progressionApplied: Bool,
        emergency: Bool,
        tier: PriorityTier,
        decision: String,
        trace: [String]
    ) {
        self.severity = severity
        self.ctSeverity = ctSeverity
        self.clinical = clinical
        self.progressionApplied = progressionApplied
        self.emergency = emergency
        self.tier = tier
        self.decision = decision
        self.trace = trace
    }
}
