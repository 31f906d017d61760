extension RoutingRules {
    /// The values `shared/specs/routing.md` prescribes; `Config/routing.yaml` must decode to exactly this.
    public static let specDefaults = RoutingRules(
        categories: CategoryBounds(detectionFloorPercent: 0.5, ct2FromPercent: 25, ct3FromPercent: 50, ct4FromPercent: 75),
        moderate: ModerateVitals(temperatureAtLeast: 38.0, respiratoryRateAtLeast: 20, spo2AtMost: 95),
        severe: SevereVitals(respiratoryRateAtLeast: 30, spo2AtMost: 94, pfRatioAtMost: 300, feverAbove: 38.5, feverSpo2AtMost: 95),
        emergency: EmergencyRule(spo2Below: 93, minimumSeverity: .severe),
        progression: ProgressionRule(
            windowHours: 48, growthAtLeastPercent: 50, respiratoryRateAtLeast: 20, spo2AtMost: 95, minimumSeverity: .severe
        ),
        decisions: DecisionTexts(
            bySeverity: [
                .zero: .init(
                    outpatient: "Inform the attending physician; refer to a specialist.",
                    inpatient: "Inform the attending physician; refer to a specialist."
                ),
                .mild: .init(
                    outpatient: "Home follow-up with mandatory telemonitoring.",
                    inpatient: "Home follow-up with mandatory telemonitoring."
                ),
                .moderate: .init(
                    outpatient: "Home follow-up by a primary care physician.",
                    inpatient: "Home follow-up by a primary care physician."
                ),
                .severe: .init(
                    outpatient: "Immediate admission to a COVID-19 hospital.",
                    inpatient: "Immediate transfer to the ICU."
                ),
                .critical: .init(
                    outpatient: "Emergency medical care; immediate admission to a specialised hospital.",
                    inpatient: "Immediate transfer to the ICU."
                ),
            ],
            vitalsPending: "Vitals pending:",
            emergency: .init(
                outpatient: "EMERGENCY: hospitalisation by ambulance.",
                inpatient: "EMERGENCY: SpO2 below the emergency bound."
            )
        ),
        queue: QueueRules(
            targetMinutes: [.p0: 10, .p1: 15, .p2: 30, .p3: 120, .p4: 180, .p5: 180],
            unestimatedTier: .p3
        ),
        secondReading: SecondReadingRules(
            coverageTarget: 0.9, alwaysThroughTier: .p2, sampleRate: 0.9, majorDistance: 2, hospitalFrom: .ct3
        ),
        inputRanges: InputRanges(temperature: 30...45, respiratoryRate: 0...80, spo2: 50...100, pfRatio: 20...700)
    )
}
