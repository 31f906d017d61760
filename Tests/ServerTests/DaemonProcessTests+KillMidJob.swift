import Estimator
import Foundation
import Postgres
import Store
import TestSupport
import Testing
import Triage
import VolumeIO

extension DaemonProcessTests {
    @Test("a daemon killed (SIGKILL) mid-estimate loses nothing: another daemon estimates the study exactly once")
    func workerKilledMidJob() async throws {
        try await TestPostgres.withDatabase(maxConnections: 4) { database in
            let stateDir = URL(fileURLWithPath: "/tmp/ctriage-kill-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: stateDir) }
            let log = URL(fileURLWithPath: "/tmp/ctriage-kill-\(UUID().uuidString.prefix(8)).log")
            defer { try? FileManager.default.removeItem(at: log) }
            let environment = [
                "DATABASE_URL": database.connectionString, "CTRIAGE_ESTIMATION_WORKERS": "1",
                "CTRIAGE_ESTIMATION_LEASE_SECONDS": "4", "CTRIAGE_ESTIMATION_POLL_SECONDS": "0.2",
            ]
            let port = Self.freePort()
            let first = try startServe(stateDir: stateDir, port: port, log: log, environment: environment)
            defer { if first.isRunning { first.terminate() } }  // a failed expectation must not leave a daemon behind
            try await waitForHealth(port: port, process: first, log: log)

            let pool = PostgresPool(configuration: database, logger: TestPostgres.logger)
            defer { Task { await pool.close() } }
            try await pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1')")
            let phantom = PhantomGenerator(seed: 77).makeCase(number: 1, .init(size: 256, slices: 40, targetInvolvementPercent: 40))
            let study = try await StudyIngest(pool: pool, router: TriageRouter()).ingest(IngestRequest(
                bytes: try NIfTIWriter().gzippedNIfTI(phantom.volume), clinicCode: "MSK-01", patientPseudonym: "P-1", actor: "test")).studyID

            // Kill the daemon while its worker holds the job's lease.
            let leased = try await poll(seconds: 60) {
                try await pool.query("SELECT lease_owner FROM jobs WHERE study_id = \(study) AND state = 'running'").first?
                    .decode(String.self, at: 0)
            }
            #expect(leased?.contains("-\(first.processIdentifier)-") == true)
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            let estimatesAtKill = try await pool.scalar("SELECT count(*) FROM estimates WHERE study_id = \(study)", as: Int.self)
            #expect(estimatesAtKill == 0, "the job finished before the kill; the test proved nothing")

            let second = try startServe(stateDir: stateDir, port: port, log: log, environment: environment)

            defer { if second.isRunning { second.terminate() } }  // a failed expectation must not leave a daemon behind
            try await waitForHealth(port: port, process: second, log: log)
            let status = try await poll(seconds: 120) {
                let status = try await pool.scalar("SELECT status FROM studies WHERE id = \(study)", as: String.self)
                return status == "received" ? nil : status
            }
            #expect(status == "estimated")
            let (estimates, attempt, state, audits) = try await pool.query("""
                SELECT (SELECT count(*) FROM estimates WHERE study_id = \(study)), j.attempt, j.state,
                       (SELECT count(*) FROM audit_events WHERE action = 'study.estimate' AND entity_id = \(String(study)))
                  FROM jobs j WHERE j.study_id = \(study)
                """).first!.decode((Int, Int, String, Int).self)
            #expect(estimates == 1)
            // 2 unless a loaded machine delayed a heartbeat past the short test lease; what must hold is one estimate.
            #expect(attempt >= 2)
            #expect(state == "done")
            #expect(audits == 1)
            try await stopWithSIGINT(second)
        }
    }

    func poll<T: Sendable>(seconds: Int, _ probe: @Sendable () async throws -> T?) async throws -> T? {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
