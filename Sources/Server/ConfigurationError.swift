public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let unreadableFile = Code("unreadableFile")
        public static let invalidYAML = Code("invalidYAML")
        public static let unknownKey = Code("unknownKey")
        public static let invalidValue = Code("invalidValue")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
