import EmbeddedPostgres
import Hummingbird
import Logging
import Postgres
import ServiceLifecycle

/// `ctriage serve`: database (embedded or external), migrations, then the HTTP server and the other services
/// in one ServiceGroup that drains on SIGTERM/SIGINT and stops the embedded cluster last.
public struct Daemon: Sendable {
    public var configuration: AppConfiguration
    public var logger: Logger

    public init(configuration: AppConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let registry = MetricsBootstrap.registry
        let database = try await DatabaseBootstrap.start(configuration, logger: logger)
        let pool = PostgresPool(configuration: database.postgres, logger: logger)
        do {
            let directory = try DatabaseBootstrap.migrationsDirectory(configuration.migrationsDirectory)
            _ = try await DatabaseBootstrap.migrate(pool: pool, directory: directory, logger: logger)
        } catch {
            await pool.close()
            await database.cluster?.stop()
            throw error
        }
        let host = configuration.http.host
        let app = CTriageServer.makeApplication(
            configuration: configuration, pool: pool, registry: registry, logger: logger,
            onServerRunning: { [logger] port in
                logger.notice("CTriage is listening", metadata: ["url": "http://\(host):\(port)/"])
            })
        var services: [any Service] = []
        if let cluster = database.cluster { services.append(EmbeddedClusterService(cluster: cluster)) }
        services.append(app)
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            await pool.close()
            await database.cluster?.stop()
            throw error
        }
        await pool.close()
        await database.cluster?.stop()
    }
}
