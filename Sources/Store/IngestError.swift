public struct IngestError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let emptyFile = Code("emptyFile")
        public static let tooLarge = Code("tooLarge")
        /// The file is not a readable NIfTI volume; the message says why.
        public static let invalidVolume = Code("invalidVolume")
        public static let unknownClinic = Code("unknownClinic")
        /// Clinic staff tried to ingest for a clinic that is not theirs.
        public static let otherClinic = Code("otherClinic")
        public static let invalidPatient = Code("invalidPatient")
        public static let invalidField = Code("invalidField")
        /// The same bytes were already ingested for another clinic (never revealed further).
        public static let conflict = Code("conflict")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "IngestError(\(code)): \(message)" }
}
