/// Applies the routing rules (spec §1–§5) to one study. Pure: no I/O, same input → same decision.
public struct TriageRouter: Sendable {
    public let rules: RoutingRules

    public init(rules: RoutingRules = .specDefaults) {
        self.rules = rules
    }

    /// Final severity, tier and decision text with a readable trace (§3, §4, §5).
    /// Throws when a vital or an involvement value is outside its accepted range, naming the field.
    public func route(_ input: TriageInput) throws(TriageError) -> RoutingDecision {
        try input.vitals.validate(against: rules.inputRanges)
        try validateStudy(input)

        var trace: [String] = []
        var ctSeverity = input.category.severity
        trace.append("\(input.category.label) → \(ctSeverity.name) (Table 2, \(input.category.label) row)")
        if input.category == .ct0, input.vitals.typicalClinic == true {
            ctSeverity = .mild
            trace.append("CT-0 with typical clinical manifestations and epidemiological history → mild (Table 2, CT-1 row)")
        }

        let clinical = assessVitals(input.vitals)
        trace += clinical.trace

        let progression = progressionFinding(input)
        if let line = progression.line { trace.append(line) }

        var severity = max(ctSeverity, clinical.level ?? .zero)
        if progression.fired { severity = max(severity, rules.progression.minimumSeverity) }

        if !clinical.pendingFields.isEmpty {
            trace.append(
                "Vitals pending (\(Self.names(clinical.pendingFields))) → route from the known inputs, "
                    + "never below the CT (§3)"
            )
        }
        trace.append("Final severity \(severity.name) = highest of CT \(ctSeverity.name), vitals "
            + "\(clinical.level?.name ?? "none")\(progression.fired ? ", progression \(rules.progression.minimumSeverity.name)" : "") (§3)")

        let tier = clinical.emergency ? PriorityTier.p0 : PriorityTier(severity: severity)
        let reason = clinical.emergency ? "emergency" : severity.name
        trace.append("Tier \(tier.label) (\(reason)): first signed reading due \(targetMinutes(for: tier)) min after arrival (§5)")

        return RoutingDecision(
            severity: severity,
            ctSeverity: ctSeverity,
            clinical: clinical,
            progressionApplied: progression.fired,
            emergency: clinical.emergency,
            tier: tier,
            decision: decisionText(severity: severity, setting: input.setting, clinical: clinical),
            trace: trace
        )
    }

    /// §4: the text for the setting, prefixed on emergency and suffixed while vitals are pending.
    public func decisionText(severity: Severity, setting: CareSetting, clinical: ClinicalAssessment) -> String {
        let texts = rules.decisions
        var parts: [String] = []
        if clinical.emergency { parts.append(texts.emergency[setting]) }
        parts.append(texts.bySeverity[severity]?[setting] ?? "")
        if !clinical.pendingFields.isEmpty {
            parts.append("\(texts.vitalsPending) \(Self.names(clinical.pendingFields)).")
        }
        return parts.joined(separator: " ")
    }

    static func names(_ fields: [VitalField]) -> String {
        fields.map { $0 == .temperature ? "temperature" : $0.displayName }.joined(separator: ", ")
    }

    private func validateStudy(_ input: TriageInput) throws(TriageError) {
        if let involvement = input.involvementPercent {
            try Self.requirePercent(involvement, field: "involvement")
        }
        if let prior = input.priorStudy {
            try Self.requirePercent(prior.involvementPercent, field: "prior_involvement")
            guard prior.hoursBefore.isFinite, prior.hoursBefore >= 0 else {
                throw TriageError(
                    code: .invalidStudy,
                    subject: "prior_hours_before",
                    message: "prior_hours_before \(NumberText.format(prior.hoursBefore)) h must be 0 or more"
                )
            }
        }
    }

    static func requirePercent(_ value: Double, field: String) throws(TriageError) {
        guard value.isFinite, (0...100).contains(value) else {
            throw TriageError(
                code: .invalidStudy,
                subject: field,
                message: "\(field) \(NumberText.format(value)) % is outside the accepted range 0–100 %"
            )
        }
    }
}
