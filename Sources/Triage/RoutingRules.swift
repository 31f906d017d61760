/// Every threshold and text the router uses (spec sections 1–5). Load it from `Config/routing.yaml` with
/// `RoutingRules(yaml:)`; `RoutingRules.specDefaults` holds the values the spec prescribes.
public struct RoutingRules: Sendable, Equatable {
    /// §1: half-open involvement bounds, in percent of both lungs.
    public struct CategoryBounds: Sendable, Equatable {
        /// At or below this, no lesion counts as found (CT-0).
        public var detectionFloorPercent: Double
        public var ct2FromPercent: Double
        public var ct3FromPercent: Double
        public var ct4FromPercent: Double
    }

    /// §2, Table 2 CT-2 row: any of these makes the clinical severity at least moderate.
    public struct ModerateVitals: Sendable, Equatable {
        public var temperatureAtLeast: Double
        public var respiratoryRateAtLeast: Double
        public var spo2AtMost: Double
    }

    /// §2, Table 2 CT-3 row: any of these makes the clinical severity at least severe.
    public struct SevereVitals: Sendable, Equatable {
        public var respiratoryRateAtLeast: Double
        public var spo2AtMost: Double
        public var pfRatioAtMost: Double
        /// Fever above this together with SpO2 at or below `feverSpo2AtMost` is severe.
        public var feverAbove: Double
        public var feverSpo2AtMost: Double
    }

    /// §2 emergency override: the paper's pre-CT hospitalisation rule.
    public struct EmergencyRule: Sendable, Equatable {
        public var spo2Below: Double
        public var minimumSeverity: Severity
    }

    /// §3 progression rule (Table 2 CT-3 definition).
    public struct ProgressionRule: Sendable, Equatable {
        public var windowHours: Double
        /// Relative growth of involvement, in percent of the earlier value.
        public var growthAtLeastPercent: Double
        /// Respiratory impairment: RR at or above this, or SpO2 at or below `spo2AtMost`.
        public var respiratoryRateAtLeast: Double
        public var spo2AtMost: Double
        public var minimumSeverity: Severity
    }

    /// §4 decision texts.
    public struct DecisionTexts: Sendable, Equatable {
        public struct BySetting: Sendable, Equatable {
            public var outpatient: String
            public var inpatient: String

            public subscript(setting: CareSetting) -> String {
                switch setting {
                case .outpatient: outpatient
                case .inpatient: inpatient
                }
            }
        }

        public var bySeverity: [Severity: BySetting]
        /// Appended, followed by the missing fields, while temperature, RR or SpO2 is missing.
        public var vitalsPending: String
        /// Put in front of the decision when the emergency override fired; per setting because an
        /// inpatient is already in hospital and needs no ambulance.
        public var emergency: BySetting
    }

    /// §5 reading queue.
    public struct QueueRules: Sendable, Equatable {
        /// Arrival → first signed reading, per tier.
        public var targetMinutes: [PriorityTier: Int]
        /// Tier of a study the estimator has not categorised yet (raised by urgent vitals).
        public var unestimatedTier: PriorityTier
    }

    /// §5 second reading and discrepancy classes.
    public struct SecondReadingRules: Sendable, Equatable {
        /// Share of all studies that must get a second reading.
        public var coverageTarget: Double
        /// Every study in this tier or a more urgent one is read twice.
        public var alwaysThroughTier: PriorityTier
        /// Share of the remaining tiers sampled for a second reading.
        public var sampleRate: Double
        /// Categories this far apart (or more) are a major discrepancy.
        public var majorDistance: Int
        /// First category on the hospital side of the home/hospital line.
        public var hospitalFrom: CTCategory
    }

    /// Plausible input ranges; a value outside is a typo, rejected with an error naming the field.
    public struct InputRanges: Sendable, Equatable {
        public var temperature: ClosedRange<Double>
        public var respiratoryRate: ClosedRange<Double>
        public var spo2: ClosedRange<Double>
        public var pfRatio: ClosedRange<Double>

        public subscript(field: VitalField) -> ClosedRange<Double> {
            get {
                switch field {
                case .temperature: temperature
                case .respiratoryRate: respiratoryRate
                case .spo2: spo2
                case .pfRatio: pfRatio
                }
            }
            set {
                switch field {
                case .temperature: temperature = newValue
                case .respiratoryRate: respiratoryRate = newValue
                case .spo2: spo2 = newValue
                case .pfRatio: pfRatio = newValue
                }
            }
        }
    }

    public var categories: CategoryBounds
    public var moderate: ModerateVitals
    public var severe: SevereVitals
    public var emergency: EmergencyRule
    public var progression: ProgressionRule
    public var decisions: DecisionTexts
    public var queue: QueueRules
    public var secondReading: SecondReadingRules
    public var inputRanges: InputRanges

    public init(
        categories: CategoryBounds,
        moderate: ModerateVitals,
        severe: SevereVitals,
        emergency: EmergencyRule,
        progression: ProgressionRule,
        decisions: DecisionTexts,
        queue: QueueRules,
        secondReading: SecondReadingRules,
        inputRanges: InputRanges
    ) {
        self.categories = categories
        self.moderate = moderate
        self.severe = severe
        self.emergency = emergency
        self.progression = progression
        self.decisions = decisions
        self.queue = queue
        self.secondReading = secondReading
        self.inputRanges = inputRanges
    }
}
