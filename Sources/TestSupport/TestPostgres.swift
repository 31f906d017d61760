import EmbeddedPostgres
import Foundation
import Logging
import Postgres

/// The PostgreSQL server the integration tests use: `TEST_DATABASE_URL` when set, otherwise one throwaway
/// cluster per test process (temp dir, fsync off, Unix socket only), started on first use and removed by its
/// supervisor when the test process exits.
public enum TestPostgres {
    public static let logger: Logger = {
        var logger = Logger(label: "ctriage.test")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()

    /// Connection string of the maintenance database on the test server.
    public static func adminConnectionString() async throws -> String {
        try await shared.value
    }

    private static let shared = Task<String, any Error> {
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
            return url
        }
        let cluster = try await startThrowawayCluster(name: "shared")
        return cluster.connectionString()
    }

    /// A private cluster for a test that must stop or restart the server; stop it with `stop()` and
    /// remove its directory with `FileManager` afterwards (or leave it to the supervisor).
    public static func startThrowawayCluster(name: String) async throws -> EmbeddedCluster {
        let root = URL(fileURLWithPath: "/tmp").appendingPathComponent("ctriage-test-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))")
        let options = EmbeddedClusterOptions(
            dataDirectory: root.appendingPathComponent("data"), socketDirectory: root.appendingPathComponent("s"),
            durable: false, maxConnections: 400, logFile: root.appendingPathComponent("postgres.log"),
            removeWhenOrphaned: root)
        let cluster = try EmbeddedCluster(options: options, logger: logger)
        try await cluster.start()
        return cluster
    }

    /// Creates a fresh, empty database, runs `body` with its configuration, then drops it.
    @discardableResult
    public static func withDatabase<T: Sendable>(
        maxConnections: Int = 4,
        statementTimeout: Duration? = .seconds(30),
        _ body: (PostgresConfiguration) async throws -> T
    ) async throws -> T {
        let admin = try await adminConnectionString()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let adminPool = PostgresPool(configuration: PostgresConfiguration(connectionString: admin, maxConnections: 1), logger: logger)
        try await adminPool.withConnection { try await $0.execute(script: "CREATE DATABASE \(name)") }
        let configuration = PostgresConfiguration(
            connectionString: connectionString(admin, database: name), maxConnections: maxConnections,
            checkoutTimeout: .seconds(10), statementTimeout: statementTimeout)
        do {
            let value = try await body(configuration)
            try? await adminPool.withConnection { try await $0.execute(script: "DROP DATABASE \(name) WITH (FORCE)") }
            await adminPool.close()
            return value
        } catch {
            try? await adminPool.withConnection { try await $0.execute(script: "DROP DATABASE \(name) WITH (FORCE)") }
            await adminPool.close()
            throw error
        }
    }

    /// `base` pointed at another database, for both URI and key=value forms.
    public static func connectionString(_ base: String, database: String) -> String {
        guard base.contains("://"), var components = URLComponents(string: base) else {
            let kept = base.split(separator: " ").filter { !$0.hasPrefix("dbname=") }
            return (kept + ["dbname=\(database)"]).joined(separator: " ")
        }
        components.path = "/" + database
        return components.string ?? base
    }

    /// A pool on a fresh database, closed after `body`.
    @discardableResult
    public static func withPool<T: Sendable>(
        maxConnections: Int = 4,
        statementTimeout: Duration? = .seconds(30),
        _ body: (PostgresPool) async throws -> T
    ) async throws -> T {
        try await withDatabase(maxConnections: maxConnections, statementTimeout: statementTimeout) { configuration in
            let pool = PostgresPool(configuration: configuration, logger: logger)
            do {
                let value = try await body(pool)
                await pool.close()
                return value
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}
