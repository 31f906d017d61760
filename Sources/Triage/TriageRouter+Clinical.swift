extension TriageRouter {
    /// §2: clinical severity from the vitals alone, plus the SpO2 emergency override.
    /// Each vital contributes its strongest row; the result is the highest of them.
    public func assessVitals(_ vitals: Vitals) -> ClinicalAssessment {
        let moderate = rules.moderate
        let severe = rules.severe
        let text = NumberText.format
        var findings: [(level: Severity, line: String)] = []
        func add(_ level: Severity, _ condition: String) {
            findings.append((level, "\(condition) → \(level.name) (Table 2, \(Self.row(for: level)) row)"))
        }

        if vitals.shock == true { add(.critical, "Shock") }
        if vitals.multipleOrganFailure == true { add(.critical, "Multiple organ failure") }
        if vitals.respiratoryFailure == true { add(.critical, "Respiratory failure") }

        if let rr = vitals.respiratoryRate {
            if rr >= severe.respiratoryRateAtLeast {
                add(.severe, "RR \(text(rr)) ≥ \(text(severe.respiratoryRateAtLeast))")
            } else if rr >= moderate.respiratoryRateAtLeast {
                add(.moderate, "RR \(text(rr)) ≥ \(text(moderate.respiratoryRateAtLeast))")
            }
        }
        if let spo2 = vitals.spo2 {
            if spo2 <= severe.spo2AtMost {
                add(.severe, "SpO2 \(text(spo2)) ≤ \(text(severe.spo2AtMost))")
            } else if spo2 <= moderate.spo2AtMost {
                add(.moderate, "SpO2 \(text(spo2)) ≤ \(text(moderate.spo2AtMost))")
            }
        }
        if let ratio = vitals.pfRatio, ratio <= severe.pfRatioAtMost {
            add(.severe, "PaO2/FiO2 \(text(ratio)) ≤ \(text(severe.pfRatioAtMost))")
        }
        if let temperature = vitals.temperature {
            if temperature > severe.feverAbove, let spo2 = vitals.spo2, spo2 <= severe.feverSpo2AtMost {
                add(.severe, "Temperature \(text(temperature)) > \(text(severe.feverAbove)) with SpO2 \(text(spo2)) ≤ \(text(severe.feverSpo2AtMost))")
            } else if temperature >= moderate.temperatureAtLeast {
                add(.moderate, "Temperature \(text(temperature)) ≥ \(text(moderate.temperatureAtLeast))")
            }
        }

        var emergency = false
        if let spo2 = vitals.spo2, spo2 < rules.emergency.spo2Below {
            emergency = true
            findings.append((
                rules.emergency.minimumSeverity,
                "SpO2 \(text(spo2)) < \(text(rules.emergency.spo2Below)) → EMERGENCY, ambulance hospitalisation, "
                    + "at least \(rules.emergency.minimumSeverity.name) (§2 override)"
            ))
        }

        let pending = vitals.pendingFields
        var trace = findings.map(\.line)
        if findings.isEmpty, let line = normalVitalsLine(vitals) { trace.append(line) }
        return ClinicalAssessment(level: findings.map(\.level).max(), emergency: emergency, pendingFields: pending, trace: trace)
    }

    /// The CT-1 row's vitals: stated so the clinician sees which values were checked and found normal.
    private func normalVitalsLine(_ vitals: Vitals) -> String? {
        let text = NumberText.format
        var checks: [String] = []
        if let temperature = vitals.temperature {
            checks.append("Temperature \(text(temperature)) < \(text(rules.moderate.temperatureAtLeast))")
        }
        if let rr = vitals.respiratoryRate { checks.append("RR \(text(rr)) < \(text(rules.moderate.respiratoryRateAtLeast))") }
        if let spo2 = vitals.spo2 { checks.append("SpO2 \(text(spo2)) > \(text(rules.moderate.spo2AtMost))") }
        guard !checks.isEmpty else { return nil }
        return checks.joined(separator: ", ") + " → vitals add nothing (Table 2, CT-1 row)"
    }

    static func row(for level: Severity) -> String {
        switch level {
        case .zero: "CT-0"
        case .mild: "CT-1"
        case .moderate: "CT-2"
        case .severe: "CT-3"
        case .critical: "CT-4"
        }
    }
}
