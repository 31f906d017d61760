/// Every failure of the triage module: a bad rules file or a bad input.
/// `subject` is the rules key (e.g. "vitals.severe.rr_at_least") or input field (e.g. "spo2") at fault.
public struct TriageError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The rules text is not YAML, or its top level is not a mapping.
        public static let malformedRules = Code("malformedRules")
        /// A required rules key is absent.
        public static let missingKey = Code("missingKey")
        /// A rules key is present but its value has the wrong type or is out of its domain.
        public static let invalidValue = Code("invalidValue")
        /// Two thresholds contradict each other, e.g. category bounds not increasing.
        public static let contradictoryThresholds = Code("contradictoryThresholds")
        /// The same key twice in one mapping: YAML parsers keep one silently, so it is refused.
        public static let duplicateKey = Code("duplicateKey")
        /// A key the rules format does not know, most often a typo.
        public static let unknownKey = Code("unknownKey")
        /// A vital sign outside its plausible range.
        public static let vitalOutOfRange = Code("vitalOutOfRange")
        /// A CT category label that is not CT-0 … CT-4.
        public static let unknownCategory = Code("unknownCategory")
        /// A care setting that is not outpatient or inpatient.
        public static let unknownSetting = Code("unknownSetting")
        /// A study measurement that cannot be used, e.g. negative involvement.
        public static let invalidStudy = Code("invalidStudy")
    }

    public var code: Code
    public var subject: String
    public var message: String

    public init(code: Code, subject: String, message: String) {
        self.code = code
        self.subject = subject
        self.message = message
    }

    public var description: String { message }
}
