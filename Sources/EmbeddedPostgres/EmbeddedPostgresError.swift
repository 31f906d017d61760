public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let binariesNotFound = Code("binariesNotFound")
        public static let noServiceUser = Code("noServiceUser")
        public static let initdbFailed = Code("initdbFailed")
        public static let startFailed = Code("startFailed")
        public static let clusterInUse = Code("clusterInUse")
        public static let socketPathTooLong = Code("socketPathTooLong")
        public static let stoppedUnexpectedly = Code("stoppedUnexpectedly")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "EmbeddedPostgresError(\(code)): \(message)" }
}
