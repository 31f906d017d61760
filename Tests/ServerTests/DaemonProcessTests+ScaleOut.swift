import Estimator
import Foundation
import Postgres
import Store
import TestSupport
import Testing
import Triage
import VolumeIO

extension DaemonProcessTests {
    @Test("two daemons on one database share the estimation jobs; every study is estimated exactly once")
    func twoDaemonsShareJobs() async throws {
        try await TestPostgres.withDatabase(maxConnections: 4) { database in
            let environment = [
                "DATABASE_URL": database.connectionString, "CTRIAGE_ESTIMATION_WORKERS": "1",
                "CTRIAGE_ESTIMATION_POLL_SECONDS": "0.5",
            ]
            var daemons: [Process] = []
            defer { for daemon in daemons where daemon.isRunning { daemon.terminate() } }
            var logs: [URL] = []
            defer { for log in logs { try? FileManager.default.removeItem(at: log) } }
            for index in 0..<2 {
                let stateDir = URL(fileURLWithPath: "/tmp/ctriage-scale-\(index)-\(UUID().uuidString.prefix(8))")
                let log = URL(fileURLWithPath: "/tmp/ctriage-scale-\(index)-\(UUID().uuidString.prefix(8)).log")
                logs.append(log)
                let port = Self.freePort()
                let daemon = try startServe(stateDir: stateDir, port: port, log: log, environment: environment)
                daemons.append(daemon)
                try await waitForHealth(port: port, process: daemon, log: log)
            }
            let pool = PostgresPool(configuration: database, logger: TestPostgres.logger)
            defer { Task { await pool.close() } }
            try await pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1')")
            let ingest = StudyIngest(pool: pool, router: TriageRouter())
            var studies: [Int] = []
            for seed in 0..<6 {
                let phantom = PhantomGenerator(seed: 900 + UInt64(seed)).makeCase(
                    number: 1, .init(size: 192, slices: 32, targetInvolvementPercent: 10 + Double(seed) * 12))
                studies.append(try await ingest.ingest(IngestRequest(
                    bytes: try NIfTIWriter().gzippedNIfTI(phantom.volume), clinicCode: "MSK-01", patientPseudonym: "P-\(seed)",
                    actor: "test")).studyID)
            }
            let done = try await poll(seconds: 180) {
                let waiting = try await pool.scalar("SELECT count(*) FROM studies WHERE status = 'received'", as: Int.self)
                return waiting == 0 ? true : nil
            }
            #expect(done == true)
            let perStudy = try await pool.query("""
                SELECT s.id, (SELECT count(*) FROM estimates e WHERE e.study_id = s.id) FROM studies s ORDER BY s.id
                """).map { try $0.decode((Int, Int).self) }
            #expect(perStudy.map(\.1) == Array(repeating: 1, count: studies.count))
            let workers = try await pool.query("""
                SELECT DISTINCT actor FROM audit_events WHERE action = 'study.estimate'
                """).map { try $0.decode(String.self, at: 0) }
            let pids = daemons.map { "-\($0.processIdentifier)-" }
            #expect(pids.allSatisfy { pid in workers.contains { $0.contains(pid) } }, "workers that estimated: \(workers)")
            for daemon in daemons { try await stopWithSIGINT(daemon) }
        }
    }
}
