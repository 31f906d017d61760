public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let directoryUnreadable = Code("directoryUnreadable")
        public static let badFileName = Code("badFileName")
        public static let duplicateVersion = Code("duplicateVersion")
        /// An applied migration's file changed since it was applied.
        public static let checksumMismatch = Code("checksumMismatch")
        /// The database has a migration this build does not know (a newer build migrated it).
        public static let unknownApplied = Code("unknownApplied")
        public static let failed = Code("failed")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "MigrationError(\(code)): \(message)" }
}
