extension RoutingRules {
    /// Decodes and validates the rules file text (`Config/routing.yaml`). Every key is required, unknown keys
    /// are rejected, and contradictory thresholds fail; each error names the key at fault.
    public init(yaml: String) throws(TriageError) {
        var document = try RulesDocument(yaml: yaml)
        if let duplicate = document.firstDuplicateKey() {
            let place = duplicate.line.map { " (line \($0))" } ?? ""
            throw TriageError(
                code: .duplicateKey,
                subject: duplicate.key,
                message: "routing rules: key '\(duplicate.key)'\(place) appears twice; keep one"
            )
        }
        self.init(
            categories: CategoryBounds(
                detectionFloorPercent: try document.number("categories.detection_floor_percent"),
                ct2FromPercent: try document.number("categories.ct2_from_percent"),
                ct3FromPercent: try document.number("categories.ct3_from_percent"),
                ct4FromPercent: try document.number("categories.ct4_from_percent")
            ),
            moderate: ModerateVitals(
                temperatureAtLeast: try document.number("vitals.moderate.temperature_at_least"),
                respiratoryRateAtLeast: try document.number("vitals.moderate.rr_at_least"),
                spo2AtMost: try document.number("vitals.moderate.spo2_at_most")
            ),
            severe: SevereVitals(
                respiratoryRateAtLeast: try document.number("vitals.severe.rr_at_least"),
                spo2AtMost: try document.number("vitals.severe.spo2_at_most"),
                pfRatioAtMost: try document.number("vitals.severe.pao2_fio2_at_most"),
                feverAbove: try document.number("vitals.severe.fever_above"),
                feverSpo2AtMost: try document.number("vitals.severe.fever_spo2_at_most")
            ),
            emergency: EmergencyRule(
                spo2Below: try document.number("emergency.spo2_below"),
                minimumSeverity: try document.severity("emergency.minimum_severity")
            ),
            progression: ProgressionRule(
                windowHours: try document.number("progression.window_hours"),
                growthAtLeastPercent: try document.number("progression.growth_at_least_percent"),
                respiratoryRateAtLeast: try document.number("progression.rr_at_least"),
                spo2AtMost: try document.number("progression.spo2_at_most"),
                minimumSeverity: try document.severity("progression.minimum_severity")
            ),
            decisions: try Self.decisionTexts(from: &document),
            queue: try Self.queueRules(from: &document),
            secondReading: SecondReadingRules(
                coverageTarget: try document.number("second_reading.coverage_target"),
                alwaysThroughTier: try document.tier("second_reading.always_through_tier"),
                sampleRate: try document.number("second_reading.sample_rate"),
                majorDistance: try document.integer("second_reading.major_distance"),
                hospitalFrom: try document.category("second_reading.hospital_from")
            ),
            inputRanges: try Self.inputRanges(from: &document)
        )
        if let unknown = document.unreadKeys().first {
            let place = unknown.line.map { " (line \($0))" } ?? ""
            throw TriageError(
                code: .unknownKey,
                subject: unknown.key,
                message: "routing rules: unknown key '\(unknown.key)'\(place); check its spelling"
            )
        }
        try validate()
    }

    private static func decisionTexts(from document: inout RulesDocument) throws(TriageError) -> DecisionTexts {
        var bySeverity: [Severity: DecisionTexts.BySetting] = [:]
        for severity in Severity.allCases {
            bySeverity[severity] = DecisionTexts.BySetting(
                outpatient: try document.text("decisions.\(severity.name).outpatient"),
                inpatient: try document.text("decisions.\(severity.name).inpatient")
            )
        }
        return DecisionTexts(
            bySeverity: bySeverity,
            vitalsPending: try document.text("decisions.vitals_pending"),
            emergency: DecisionTexts.BySetting(
                outpatient: try document.text("decisions.emergency.outpatient"),
                inpatient: try document.text("decisions.emergency.inpatient")
            )
        )
    }

    private static func queueRules(from document: inout RulesDocument) throws(TriageError) -> QueueRules {
        var targets: [PriorityTier: Int] = [:]
        for tier in PriorityTier.allCases {
            targets[tier] = try document.integer("queue.target_minutes.\(tier.label)")
        }
        return QueueRules(targetMinutes: targets, unestimatedTier: try document.tier("queue.unestimated_tier"))
    }

    private static func inputRanges(from document: inout RulesDocument) throws(TriageError) -> InputRanges {
        InputRanges(
            temperature: try inputRange(.temperature, from: &document),
            respiratoryRate: try inputRange(.respiratoryRate, from: &document),
            spo2: try inputRange(.spo2, from: &document),
            pfRatio: try inputRange(.pfRatio, from: &document)
        )
    }

    private static func inputRange(_ field: VitalField, from document: inout RulesDocument) throws(TriageError) -> ClosedRange<Double> {
        let minimum = try document.number("input_ranges.\(field.key).min")
        let maximum = try document.number("input_ranges.\(field.key).max")
        guard minimum < maximum else {
            throw TriageError(
                code: .contradictoryThresholds,
                subject: "input_ranges.\(field.key).max",
                message: "routing rules: 'input_ranges.\(field.key).max' (\(NumberText.format(maximum))) must be "
                    + "greater than 'input_ranges.\(field.key).min' (\(NumberText.format(minimum)))"
            )
        }
        return minimum...maximum
    }
}
