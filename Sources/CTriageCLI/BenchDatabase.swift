import ArgumentParser
import EmbeddedPostgres
import Foundation
import Logging
import Postgres
import Server

/// A database of its own in the embedded cluster for one benchmark run: the cluster started with room for the
/// run's connections (the server's pool plus pgbench's clients), the database created and migrated, then
/// dropped and the cluster stopped whether the run succeeded or not.
struct BenchDatabase {
    var postgres: PostgresConfiguration
    var pool: PostgresPool
    var configuration: AppConfiguration

    /// `name` becomes `<name>_<pid>`; `poolSize` is the server pool, `serverConnections` PostgreSQL's max_connections.
    static func run<T>(
        _ base: AppConfiguration, name: String, poolSize: Int, serverConnections: Int, logger: Logger,
        _ body: (BenchDatabase) async throws -> T
    ) async throws -> T {
        guard base.usesEmbeddedDatabase else {
            throw ValidationError("the benchmark seeds and drops its own database: run it on the embedded cluster (no DATABASE_URL)")
        }
        var configuration = base
        configuration.database.embeddedName = "\(name)_\(getpid())"
        configuration.database.poolSize = poolSize
        var options = EmbeddedClusterOptions.stateDirectory(
            URL(fileURLWithPath: configuration.stateDirectory, isDirectory: true).standardizedFileURL)
        options.maxConnections = max(options.maxConnections, serverConnections)
        let cluster = try EmbeddedCluster(options: options, logger: logger)
        try await cluster.start()
        let postgres = PostgresConfiguration(
            connectionString: cluster.connectionString(database: configuration.database.embeddedName), maxConnections: poolSize,
            checkoutTimeout: .milliseconds(Int(configuration.database.checkoutTimeoutSeconds * 1000)),
            statementTimeout: .milliseconds(Int(configuration.database.statementTimeoutSeconds * 1000)))
        let pool = PostgresPool(configuration: postgres, logger: logger)
        let result: Result<T, any Error>
        do {
            try await cluster.createDatabaseIfMissing(configuration.database.embeddedName)
            _ = try await DatabaseBootstrap.migrate(
                pool: pool, directory: try DatabaseBootstrap.migrationsDirectory(configuration.migrationsDirectory), logger: logger)
            result = .success(try await body(BenchDatabase(postgres: postgres, pool: pool, configuration: configuration)))
        } catch {
            result = .failure(error)
        }
        await pool.close()
        let admin = PostgresPool(
            configuration: PostgresConfiguration(connectionString: cluster.connectionString(), maxConnections: 1), logger: logger)
        _ = try? await admin.query("DROP DATABASE IF EXISTS \(unescaped: configuration.database.embeddedName) WITH (FORCE)")
        await admin.close()
        await cluster.stop()
        return try result.get()
    }
}
