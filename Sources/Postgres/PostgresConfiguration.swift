/// How to reach PostgreSQL and how the pool behaves. Connection settings follow libpq: `connectionString` is a
/// URI (`postgresql://…`) or a conninfo string (`host=… dbname=…`); what it leaves out comes from the PG*
/// environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD…), as for psql.
public struct PostgresConfiguration: Sendable, Equatable {
    public var connectionString: String
    public var maxConnections: Int
    /// How long a checkout waits for a free connection before failing with `.poolTimeout`.
    public var checkoutTimeout: Duration
    /// Server-side limit per statement (`statement_timeout`); nil leaves the server's default.
    public var statementTimeout: Duration?
    public var connectTimeoutSeconds: Int
    public var applicationName: String

    public init(
        connectionString: String = "", maxConnections: Int = 10, checkoutTimeout: Duration = .seconds(5),
        statementTimeout: Duration? = .seconds(30), connectTimeoutSeconds: Int = 5, applicationName: String = "ctriage"
    ) {
        self.connectionString = connectionString
        self.maxConnections = maxConnections
        self.checkoutTimeout = checkoutTimeout
        self.statementTimeout = statementTimeout
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.applicationName = applicationName
    }
}
