public struct WorklistError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The lease token is unknown, expired, or belongs to another radiologist.
        public static let leaseInvalid = Code("leaseInvalid")
        /// This radiologist already signed a reading of the study (second readings need someone else).
        public static let alreadyRead = Code("alreadyRead")
        public static let invalidCategory = Code("invalidCategory")
        public static let invalidFindings = Code("invalidFindings")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "WorklistError(\(code)): \(message)" }
}
