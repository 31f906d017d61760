extension RoutingRules {
    /// Rejects thresholds that contradict each other or their domain. Called by `init(yaml:)`; call it
    /// yourself on rules built in code.
    public func validate() throws(TriageError) {
        try validateCategories()
        try validateVitals()
        try requirePositive(progression.windowHours, "progression.window_hours")
        try requirePositive(progression.growthAtLeastPercent, "progression.growth_at_least_percent")
        try validateQueue()
        try validateSecondReading()
    }

    private func validateCategories() throws(TriageError) {
        let bounds = categories
        try requireFraction(bounds.detectionFloorPercent / 100, "categories.detection_floor_percent", scale: 100)
        try requireIncreasing(
            ("categories.detection_floor_percent", bounds.detectionFloorPercent),
            ("categories.ct2_from_percent", bounds.ct2FromPercent)
        )
        try requireIncreasing(("categories.ct2_from_percent", bounds.ct2FromPercent), ("categories.ct3_from_percent", bounds.ct3FromPercent))
        try requireIncreasing(("categories.ct3_from_percent", bounds.ct3FromPercent), ("categories.ct4_from_percent", bounds.ct4FromPercent))
        try requireFraction(bounds.ct4FromPercent / 100, "categories.ct4_from_percent", scale: 100)
    }

    private func validateVitals() throws(TriageError) {
        try requireIncreasing(
            ("vitals.moderate.rr_at_least", moderate.respiratoryRateAtLeast),
            ("vitals.severe.rr_at_least", severe.respiratoryRateAtLeast)
        )
        // Lower SpO2 is worse, so the severe bound must sit below the moderate one.
        try requireIncreasing(("vitals.severe.spo2_at_most", severe.spo2AtMost), ("vitals.moderate.spo2_at_most", moderate.spo2AtMost))
        if emergency.spo2Below > severe.spo2AtMost {
            // The override is the most urgent SpO2 rule; a bound above the severe one would invert the table.
            throw contradiction(
                "emergency.spo2_below",
                "(\(NumberText.format(emergency.spo2Below))) must not be above 'vitals.severe.spo2_at_most' "
                    + "(\(NumberText.format(severe.spo2AtMost)))"
            )
        }
        if severe.feverAbove < moderate.temperatureAtLeast {
            throw contradiction(
                "vitals.severe.fever_above",
                "(\(NumberText.format(severe.feverAbove))) must not be below 'vitals.moderate.temperature_at_least' "
                    + "(\(NumberText.format(moderate.temperatureAtLeast)))"
            )
        }
    }

    private func validateQueue() throws(TriageError) {
        var previous: (tier: PriorityTier, minutes: Int)?
        for tier in PriorityTier.allCases {
            let minutes = queue.targetMinutes[tier] ?? 0
            let key = "queue.target_minutes.\(tier.label)"
            guard minutes > 0 else {
                throw TriageError(code: .invalidValue, subject: key, message: "routing rules: '\(key)' must be a positive number of minutes")
            }
            if let previous, minutes < previous.minutes {
                // A more urgent tier with a longer target would be read later than a less urgent one.
                throw contradiction(key, "(\(minutes) min) must not be shorter than the \(previous.tier.label) target (\(previous.minutes) min)")
            }
            previous = (tier, minutes)
        }
    }

    private func validateSecondReading() throws(TriageError) {
        let reading = secondReading
        try requireFraction(reading.coverageTarget, "second_reading.coverage_target", scale: 1)
        try requireFraction(reading.sampleRate, "second_reading.sample_rate", scale: 1)
        if reading.sampleRate < reading.coverageTarget {
            // Sampling the rest at the target rate guarantees the target whatever the case mix.
            throw contradiction(
                "second_reading.sample_rate",
                "(\(NumberText.format(reading.sampleRate))) is below 'second_reading.coverage_target' "
                    + "(\(NumberText.format(reading.coverageTarget))): the coverage target could be missed"
            )
        }
        guard (2...4).contains(reading.majorDistance) else {
            throw TriageError(
                code: .invalidValue,
                subject: "second_reading.major_distance",
                message: "routing rules: 'second_reading.major_distance' must be 2, 3 or 4 categories, found \(reading.majorDistance)"
            )
        }
        if reading.hospitalFrom == .ct0 {
            throw contradiction("second_reading.hospital_from", "must be CT-1 … CT-4: CT-0 leaves nothing on the home side")
        }
    }

    private func requireIncreasing(_ lower: (key: String, value: Double), _ upper: (key: String, value: Double)) throws(TriageError) {
        guard lower.value < upper.value else {
            throw contradiction(
                upper.key,
                "(\(NumberText.format(upper.value))) must be greater than '\(lower.key)' (\(NumberText.format(lower.value)))"
            )
        }
    }

    private func requirePositive(_ value: Double, _ key: String) throws(TriageError) {
        guard value > 0 else {
            throw TriageError(
                code: .invalidValue, subject: key, message: "routing rules: '\(key)' must be above 0, found \(NumberText.format(value))"
            )
        }
    }

    /// `fraction` must lie in [0, 1]; `scale` only changes how the bound is reported (1 or 100 %).
    private func requireFraction(_ fraction: Double, _ key: String, scale: Double) throws(TriageError) {
        guard (0...1).contains(fraction) else {
            throw TriageError(
                code: .invalidValue,
                subject: key,
                message: "routing rules: '\(key)' must be between 0 and \(NumberText.format(scale)), found \(NumberText.format(fraction * scale))"
            )
        }
    }

    private func contradiction(_ key: String, _ problem: String) -> TriageError {
        TriageError(code: .contradictoryThresholds, subject: key, message: "routing rules: '\(key)' \(problem)")
    }
}
