import ArgumentParser
import Foundation
import Logging
import Postgres
import Server
import Store
import Triage

/// `ctriage bench load`: the daemon under load in one run on the embedded cluster, loopback only — worklist
/// pages, claim + sign against pgbench, ingest over HTTP against in-process, estimation on all cores against
/// the single-worker CPU cost, and the process's peak memory in each phase. The HTTP server runs in this
/// process (the same router and services as `ctriage serve`), so the load generator shares its CPU and memory.
struct BenchLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load figures in one run: claim+sign, worklist pages, ingest of ~10 MB studies, estimation on all cores, peak memory.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Queued studies to seed for the worklist and claim measurements.")
    var studies = 100_000

    @Option(help: "Seconds per measurement.")
    var seconds = 10

    @Option(help: "Comma-separated counts of concurrent radiologists claiming and signing.")
    var radiologists = "1,16,64"

    @Option(help: "Concurrent worklist readers.")
    var readers = 50

    @Option(help: "Concurrent uploaders of ~10 MB studies.")
    var uploaders = 4

    @Option(help: "Estimation workers for the all-cores phase; 0 = one per core.")
    var workers = 0

    func validate() throws {
        guard studies >= 1_000 else { throw ValidationError("--studies must be at least 1000, got \(studies)") }
        guard (1...600).contains(seconds) else { throw ValidationError("--seconds must be 1…600, got \(seconds)") }
        guard !radiologistCounts.isEmpty, radiologistCounts.allSatisfy({ (1...128).contains($0) }) else {
            throw ValidationError("--radiologists must list counts between 1 and 128, e.g. 1,16,64")
        }
        guard (1...200).contains(readers) else { throw ValidationError("--readers must be 1…200, got \(readers)") }
        guard (1...32).contains(uploaders) else { throw ValidationError("--uploaders must be 1…32, got \(uploaders)") }
        guard (0...64).contains(workers) else { throw ValidationError("--workers must be 0…64, got \(workers)") }
    }

    var radiologistCounts: [Int] { radiologists.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        var configuration = try options.load()
        configuration.logLevel = .warning
        let logger = ConfigurationOptions.logger(configuration)
        let most = radiologistCounts.max() ?? 1
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let poolSize = max(most, readers, uploaders) + (workers > 0 ? workers : cores) + 4
        print("bench load: \(cores) cores, started \(Date()), load average \(LoadReport.loadAverage)")
        let report = try await BenchDatabase.run(
            configuration, name: "bench_load", poolSize: poolSize, serverConnections: poolSize + most + 20, logger: logger
        ) { database in
            try await measure(database: database, cores: cores, logger: logger)
        }
        print("\nload average at the end \(LoadReport.loadAverage)\n")
        print(report.markdown)
    }

    private func measure(database: BenchDatabase, cores: Int, logger: Logger) async throws -> LoadReport {
        let pool = database.pool
        var report = LoadReport()
        let data = WorklistBenchmarkData(pool: pool)
        let most = radiologistCounts.max() ?? 1
        var people: (http: [(id: Int, token: String)], sql: [(id: Int, token: String)], pages: [(id: Int, token: String)]) = ([], [], [])
        let file = try LoadStudyFile()
        try await report.phase {
            let started = ContinuousClock.now
            try await data.seed(studies: studies)
            people = (
                try await data.radiologists(prefix: "http", count: most), try await data.radiologists(prefix: "sql", count: most),
                try await data.radiologists(prefix: "page", count: readers)
            )
            return (
                "seed \(studies) queued studies", String(format: "%.1f s", (ContinuousClock.now - started).seconds),
                "study file \(String(format: "%.1f MB", file.megabytes))", ""
            )
        }
        let staff = try await Accounts(pool: pool, bcryptCost: 4).addUser(
            name: "uploader", role: .clinicStaff, clinicCode: "BENCH", password: nil, actor: .system("bench"))
        let services = APIServices(pool: pool, router: TriageRouter(), accounts: Accounts(pool: pool))
        let server = try await BenchServer.start(configuration: database.configuration, services: services, logger: logger)
        defer { server.stop() }
        let worklist = WorklistBenchmark(port: server.port, seconds: seconds)

        for (label, interval) in [("back to back", Duration?.none), ("each once a second", .seconds(1))] {
            try await report.phase {
                let pages = try await worklist.worklistPages(tokens: people.pages.map(\.token), interval: interval)
                return (
                    "worklist page (50 of \(studies) queued), \(readers) readers \(label)",
                    String(format: "p50 %.1f ms, p99 %.1f ms, %.0f pages/s", pages.latencies.percentile(0.5),
                           pages.latencies.percentile(0.99), pages.rate), "", ""
                )
            }
        }

        for count in radiologistCounts {
            try await report.phase {
                let overHTTP = try await worklist.claimAndSign(tokens: people.http.prefix(count).map(\.token))
                let sql = try ClaimSignBench(base: database.postgres, seconds: seconds)
                    .pgbenchRate(clients: count, firstRadiologist: people.sql[0].id, expectedRate: overHTTP)
                return (
                    "claim + sign, \(count) radiologist\(count == 1 ? "" : "s")", String(format: "HTTP %.0f cycles/s", overHTTP),
                    String(format: "pgbench, same SQL: %.0f cycles/s", sql), LoadReport.ratio(overHTTP, sql)
                )
            }
        }

        let ingest = IngestLoad(
            file: file, ingest: StudyIngest(pool: pool, router: TriageRouter()), clinic: "BENCH", uploaders: uploaders, seconds: seconds)
        try await report.phase {
            let overHTTP = try await ingest.overHTTP(port: server.port, token: staff.token, first: 1)
            let direct = try await ingest.inProcess(first: 1_000_001)
            return (
                String(format: "ingest of %.1f MB studies, %d uploaders", file.megabytes, uploaders),
                String(format: "HTTP %.2f studies/s, %.0f MB/s (%d studies)", overHTTP.studiesPerSecond, overHTTP.megabytesPerSecond, overHTTP.studies),
                String(format: "in-process StudyIngest %.2f studies/s, %.0f MB/s (%d)", direct.studiesPerSecond, direct.megabytesPerSecond, direct.studies),
                LoadReport.ratio(overHTTP.studiesPerSecond, direct.studiesPerSecond)
            )
        }

        try await measureEstimation(ingest: ingest, pool: pool, cores: cores, logger: logger, report: &report)
        report.add("storage per estimated study", try await StoragePerStudy.measure(pool: pool), peakMemory: nil)
        return report
    }
}
