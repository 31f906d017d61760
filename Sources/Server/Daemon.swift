import EmbeddedPostgres
import Foundation
import Hummingbird
import Logging
import Postgres
import ServiceLifecycle
import Store
import Triage

/// `ctriage serve`: database (embedded or external), migrations, then the HTTP server and the other services
/// in one ServiceGroup that drains on SIGTERM/SIGINT and stops the embedded cluster last.
public struct Daemon: Sendable {
    public var configuration: AppConfiguration
    public var routingRules: RoutingRules
    public var logger: Logger
    /// Seed demo clinics, users and studies (`serve --demo`).
    public var demo: Bool

    public init(configuration: AppConfiguration, routingRules: RoutingRules, logger: Logger, demo: Bool = false) {
        self.configuration = configuration
        self.routingRules = routingRules
        self.logger = logger
        self.demo = demo
    }

    public func run() async throws {
        let registry = MetricsBootstrap.registry
        let database = try await DatabaseBootstrap.start(configuration, logger: logger)
        let pool = PostgresPool(configuration: database.postgres, logger: logger)
        do {
            let directory = try DatabaseBootstrap.migrationsDirectory(configuration.migrationsDirectory)
            _ = try await DatabaseBootstrap.migrate(pool: pool, directory: directory, logger: logger)
            if demo { try await DemoSeeder(pool: pool, router: TriageRouter(rules: routingRules), logger: logger).seed() }
        } catch {
            await pool.close()
            await database.cluster?.stop()
            throw error
        }
        let host = configuration.http.host
        let api = APIServices(
            pool: pool, router: TriageRouter(rules: routingRules), accounts: Accounts(pool: pool),
            readingLease: .seconds(configuration.worklist.leaseSeconds), sessionLifetime: .seconds(configuration.worklist.sessionHours * 3600),
            maxUploadBytes: configuration.ingest.maxUploadBytes, dicomDefaultClinic: configuration.dicom.defaultClinic)
        let app = CTriageServer.makeApplication(
            configuration: configuration, services: api, registry: registry, logger: logger,
            onServerRunning: { [logger] port in
                logger.notice("CTriage is listening", metadata: ["url": "http://\(host):\(port)/"])
            })
        var services: [any Service] = []
        if let cluster = database.cluster { services.append(EmbeddedClusterService(cluster: cluster)) }
        services += try estimationServices(pool: pool, postgres: database.postgres)
        if !configuration.inbox.dir.isEmpty {
            services.append(InboxWatcher(
                settings: configuration.inbox, maxFileBytes: configuration.ingest.maxUploadBytes, ingest: api.ingest,
                dicomStaging: DICOMStaging(pool: pool, logger: logger), logger: logger))
        }
        services.append(StableSeriesService(
            assembler: DICOMSeriesAssembler(pool: pool, ingest: api.ingest, stableSeconds: configuration.dicom.stableSeconds, logger: logger),
            pollInterval: .milliseconds(Int(configuration.dicom.pollSeconds * 1000)), logger: logger))
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

    /// The LISTEN connection, the lease reaper and the estimation workers.
    func estimationServices(pool: PostgresPool, postgres: PostgresConfiguration) throws -> [any Service] {
        var listenerConfiguration = postgres
        listenerConfiguration.maxConnections = 1
        let listener = PostgresListener(configuration: listenerConfiguration, logger: logger)
        let lease = Duration.milliseconds(Int(configuration.estimation.leaseSeconds * 1000))
        var services: [any Service] = [listener, LeaseReaper(queue: JobQueue(pool: pool), interval: lease / 2, logger: logger)]
        let count = configuration.estimation.workers > 0 ? configuration.estimation.workers : ProcessInfo.processInfo.activeProcessorCount
        let router = TriageRouter(rules: routingRules)
        for index in 0..<count {
            services.append(EstimationWorker(
                pool: pool, routing: StudyRouting(router: router), wakeups: try listener.notifications(channel: JobQueue.channel),
                name: "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(index)", lease: lease,
                pollInterval: .milliseconds(Int(configuration.estimation.pollSeconds * 1000)), logger: logger))
        }
        return services
    }
}
