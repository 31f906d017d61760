/// An error from the PostgreSQL client: a code saying what kind of failure it was, plus the server's own
/// fields (SQLSTATE, message, detail, constraint) when the server reported it.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Could not open a connection (server down, bad credentials, bad connection string).
        public static let connectionFailed = Code("connectionFailed")
        /// An open connection broke while in use.
        public static let connectionLost = Code("connectionLost")
        /// The server rejected or failed the statement; `sqlState` says why.
        public static let server = Code("server")
        /// No pooled connection became free before the checkout timeout.
        public static let poolTimeout = Code("poolTimeout")
        /// The pool was shut down.
        public static let poolClosed = Code("poolClosed")
        /// A bound value cannot be sent (e.g. a NUL byte in text).
        public static let invalidParameter = Code("invalidParameter")
        /// A result value could not be decoded into the requested Swift type.
        public static let decoding = Code("decoding")

        public var description: String { name }
    }

    public var code: Code
    public var message: String
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?

    public init(
        code: Code, message: String, sqlState: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isExclusionViolation: Bool { sqlState == "23P01" }
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
    public var isLockNotAvailable: Bool { sqlState == "55P03" }
    /// The statement was cancelled, by `statement_timeout` or by cancelling the task that ran it.
    public var isQueryCancelled: Bool { sqlState == "57014" }
    /// SQLSTATE class 53, insufficient resources: the server is out of disk (53100), memory or connections. Nothing
    /// was stored; the same statement may succeed once an operator has made room.
    public var isInsufficientResources: Bool { sqlState?.hasPrefix("53") ?? false }
    public var isDiskFull: Bool { sqlState == "53100" }
    /// The connection is unusable; retrying on a fresh connection may succeed.
    public var isConnectionError: Bool {
        code == .connectionFailed || code == .connectionLost || (sqlState?.hasPrefix("08") ?? false)
            || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }

    public var description: String {
        var text = "PostgresError(\(code)"
        if let sqlState { text += ", SQLSTATE \(sqlState)" }
        text += "): \(message)"
        if let detail { text += " — \(detail)" }
        if let constraint { text += " [constraint \(constraint)]" }
        return text
    }
}
