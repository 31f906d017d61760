import ArgumentParser
import Foundation
import Logging
import Postgres
import Server
import Store
import Triage

struct BenchWorklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worklist",
        abstract: "Claim+sign cycles/s over HTTP vs the same SQL through pgbench, and worklist page latency under concurrent readers.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Queued studies to seed.")
    var studies = 100_000

    @Option(help: "Concurrent radiologists claiming and signing.")
    var radiologists = 16

    @Option(help: "Concurrent worklist readers.")
    var readers = 50

    @Option(help: "Seconds per measurement.")
    var seconds = 10

    func run() async throws {
        var configuration = try options.load()
        guard configuration.usesEmbeddedDatabase else {
            throw ValidationError("bench worklist seeds and drops its own database: run it on the embedded cluster (no DATABASE_URL)")
        }
        configuration.logLevel = .warning
        configuration.database.embeddedName = "bench_worklist_\(getpid())"
        configuration.database.poolSize = max(radiologists, readers) + 4
        let logger = ConfigurationOptions.logger(configuration)
        let database = try await DatabaseBootstrap.start(configuration, logger: logger)
        let pool = PostgresPool(configuration: database.postgres, logger: logger)
        var failure: (any Error)?
        do {
            try await measure(configuration: configuration, database: database, pool: pool, logger: logger)
        } catch {
            failure = error
        }
        await pool.close()
        if let cluster = database.cluster {
            // The benchmark database is ours alone: drop it whether the run succeeded or not.
            let admin = PostgresPool(
                configuration: PostgresConfiguration(connectionString: cluster.connectionString(), maxConnections: 1), logger: logger)
            _ = try? await admin.query("DROP DATABASE IF EXISTS \(unescaped: configuration.database.embeddedName) WITH (FORCE)")
            await admin.close()
            await cluster.stop()
        }
        if let failure { throw failure }
    }

    private func measure(configuration: AppConfiguration, database: DatabaseBootstrap, pool: PostgresPool, logger: Logger) async throws {
        _ = try await DatabaseBootstrap.migrate(
            pool: pool, directory: try DatabaseBootstrap.migrationsDirectory(configuration.migrationsDirectory), logger: logger)
        let data = WorklistBenchmarkData(pool: pool)
        let seedStarted = ContinuousClock.now
        try await data.seed(studies: studies)
        let httpReaders = try await data.radiologists(prefix: "http", count: radiologists)
        let sqlReaders = try await data.radiologists(prefix: "sql", count: radiologists)
        let pageReaders = try await data.radiologists(prefix: "page", count: readers)
        print("seeded \(studies) queued studies in \(String(format: "%.1f", (ContinuousClock.now - seedStarted).seconds)) s")

        let services = APIServices(pool: pool, router: TriageRouter(), accounts: Accounts(pool: pool))
        var http = configuration.http
        http.port = 0
        var serverConfiguration = configuration
        serverConfiguration.http = http
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = CTriageServer.makeApplication(
            configuration: serverConfiguration, services: services, registry: MetricsBootstrap.registry, logger: logger,
            onServerRunning: { portContinuation.yield($0) })
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        var ports = portStream.makeAsyncIterator()
        guard let port = await ports.next() else { throw BenchmarkError(message: "the server did not start") }
        let benchmark = WorklistBenchmark(port: port, seconds: seconds)

        for (label, interval) in [("each as fast as it can", Duration?.none), ("each refreshing once a second", .seconds(1))] {
            let pages = try await benchmark.worklistPages(tokens: pageReaders.map(\.token), interval: interval)
            print(
                "worklist page (50 items, \(studies) studies queued), \(readers) readers \(label): "
                    + String(format: "p50 %.1f ms, p99 %.1f ms, %.0f pages/s", pages.latencies.percentile(0.5),
                             pages.latencies.percentile(0.99), pages.rate))
        }

        let overHTTP = try await benchmark.claimAndSign(tokens: httpReaders.map(\.token))
        let sql = try ClaimSignBench(base: database.postgres, seconds: seconds)
            .pgbenchRate(clients: radiologists, firstRadiologist: sqlReaders[0].id, expectedRate: overHTTP)
        print(String(
            format: "claim+sign, %d radiologists: HTTP %.0f cycles/s, pgbench same SQL %.0f cycles/s, ratio %.2f",
            radiologists, overHTTP, sql, overHTTP / sql))
    }
}
