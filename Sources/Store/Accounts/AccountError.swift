public struct AccountError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// Unknown user name or wrong password; deliberately the same for both.
        public static let invalidCredentials = Code("invalidCredentials")
        public static let unknownClinic = Code("unknownClinic")
        public static let unknownUser = Code("unknownUser")
        public static let duplicateName = Code("duplicateName")
        /// A field that does not fit its format (the message names it).
        public static let invalidField = Code("invalidField")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "AccountError(\(code)): \(message)" }
}
