import EmbeddedPostgres
import Foundation
import Logging
import Postgres
import Store

/// Resolves where the database is: the server named by `database.url`, or the embedded cluster under the
/// state directory (started here). Shared by `serve`, `migrate` and `bench`.
public struct DatabaseBootstrap: Sendable {
    public var postgres: PostgresConfiguration
    /// The embedded cluster we started, which the caller must stop; nil for an external server.
    public var cluster: EmbeddedCluster?

    public static func start(_ configuration: AppConfiguration, logger: Logger) async throws -> DatabaseBootstrap {
        var postgres = PostgresConfiguration(
            connectionString: configuration.database.url, maxConnections: configuration.database.poolSize,
            checkoutTimeout: .milliseconds(Int(configuration.database.checkoutTimeoutSeconds * 1000)),
            statementTimeout: .milliseconds(Int(configuration.database.statementTimeoutSeconds * 1000)))
        guard configuration.usesEmbeddedDatabase else {
            logger.info("using the PostgreSQL server from the configuration")
            return DatabaseBootstrap(postgres: postgres, cluster: nil)
        }
        let state = URL(fileURLWithPath: configuration.stateDirectory, isDirectory: true).standardizedFileURL
        let cluster = try EmbeddedCluster(options: .stateDirectory(state), logger: logger)
        try await cluster.start()
        do {
            try await cluster.createDatabaseIfMissing(configuration.database.embeddedName)
        } catch {
            await cluster.stop()
            throw error
        }
        postgres.connectionString = cluster.connectionString(database: configuration.database.embeddedName)
        return DatabaseBootstrap(postgres: postgres, cluster: cluster)
    }

    /// Finds the migrations folder: as given if it exists, else relative to the executable and its parents
    /// (so `.build/release/ctriage` finds the checkout's `Migrations/`).
    public static func migrationsDirectory(_ configured: String) throws -> URL {
        let direct = URL(fileURLWithPath: configured, isDirectory: true)
        if FileManager.default.fileExists(atPath: direct.path) || configured.hasPrefix("/") { return direct }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent(configured, isDirectory: true)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw MigrationError(code: .directoryUnreadable, message: "migrations folder \"\(configured)\" not found from \(FileManager.default.currentDirectoryPath)")
    }

    /// Applies the migrations in `directory` to the database behind `pool`.
    public static func migrate(pool: PostgresPool, directory: URL, logger: Logger) async throws -> [Int] {
        let migrations = try Migration.load(from: directory)
        let applied = try await Migrator(pool: pool, logger: logger).migrate(migrations)
        logger.info("schema up to date", metadata: ["applied_now": "\(applied)", "known": "\(migrations.count)"])
        return applied
    }
}
