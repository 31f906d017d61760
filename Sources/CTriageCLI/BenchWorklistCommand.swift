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
        configuration.logLevel = .warning
        let logger = ConfigurationOptions.logger(configuration)
        let poolSize = max(radiologists, readers) + 4
        try await BenchDatabase.run(
            configuration, name: "bench_worklist", poolSize: poolSize, serverConnections: poolSize + radiologists + 10, logger: logger
        ) { database in
            try await measure(database: database, logger: logger)
        }
    }

    private func measure(database: BenchDatabase, logger: Logger) async throws {
        let pool = database.pool
        let data = WorklistBenchmarkData(pool: pool)
        let seedStarted = ContinuousClock.now
        try await data.seed(studies: studies)
        let httpReaders = try await data.radiologists(prefix: "http", count: radiologists)
        let sqlReaders = try await data.radiologists(prefix: "sql", count: radiologists)
        let pageReaders = try await data.radiologists(prefix: "page", count: readers)
        print("seeded \(studies) queued studies in \(String(format: "%.1f", (ContinuousClock.now - seedStarted).seconds)) s")

        let services = APIServices(pool: pool, router: TriageRouter(), accounts: Accounts(pool: pool))
        let server = try await BenchServer.start(configuration: database.configuration, services: services, logger: logger)
        defer { server.stop() }
        let benchmark = WorklistBenchmark(port: server.port, seconds: seconds)

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
