extension TriageRouter {
    struct ProgressionFinding {
        var fired: Bool
        /// Why it fired or why not; `nil` when there is no earlier study to compare with.
        var line: String?
    }

    /// §3 progression: an earlier study within the window, relative growth at or above the threshold and
    /// respiratory impairment (RR or SpO2) together raise the severity to at least `minimumSeverity`.
    func progressionFinding(_ input: TriageInput) -> ProgressionFinding {
        guard let prior = input.priorStudy else { return ProgressionFinding(fired: false, line: nil) }
        let rule = rules.progression
        let text = NumberText.format
        let notApplied = "progression rule not applied (Table 2, CT-3 row)"
        guard let current = input.involvementPercent else {
            return ProgressionFinding(fired: false, line: "Current involvement not measured → \(notApplied)")
        }
        guard prior.hoursBefore <= rule.windowHours else {
            return ProgressionFinding(
                fired: false,
                line: "Earlier study \(text(prior.hoursBefore)) h before > \(text(rule.windowHours)) h → \(notApplied)"
            )
        }
        // From zero, any lesion is unbounded growth; the spec resolves ambiguity toward urgency.
        let growth = prior.involvementPercent > 0
            ? (current - prior.involvementPercent) / prior.involvementPercent * 100
            : (current > 0 ? Double.infinity : 0)
        let growthText = "Involvement \(text(prior.involvementPercent)) → \(text(current)) % "
            + "(\(growth.isFinite ? "\(growth >= 0 ? "+" : "")\(text(growth)) %" : "new lesion")) "
            + "within \(text(prior.hoursBefore)) h"
        // Percent arithmetic in binary floating point: 10 → 15 must count as exactly +50 %.
        guard growth >= rule.growthAtLeastPercent - 1e-9 else {
            return ProgressionFinding(fired: false, line: "\(growthText), below +\(text(rule.growthAtLeastPercent)) % → \(notApplied)")
        }
        var impairment: [String] = []
        if let rr = input.vitals.respiratoryRate, rr >= rule.respiratoryRateAtLeast {
            impairment.append("RR \(text(rr)) ≥ \(text(rule.respiratoryRateAtLeast))")
        }
        if let spo2 = input.vitals.spo2, spo2 <= rule.spo2AtMost {
            impairment.append("SpO2 \(text(spo2)) ≤ \(text(rule.spo2AtMost))")
        }
        guard !impairment.isEmpty else {
            return ProgressionFinding(fired: false, line: "\(growthText), without respiratory impairment → \(notApplied)")
        }
        return ProgressionFinding(
            fired: true,
            line: "\(growthText) with \(impairment.joined(separator: " and ")) → at least \(rule.minimumSeverity.name) "
                + "(Table 2, CT-3 row, progression)"
        )
    }
}
