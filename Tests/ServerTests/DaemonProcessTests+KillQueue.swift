import Foundation
import Postgres
import Store
import TestSupport
import Testing

extension DaemonProcessTests {
    @Test("kill -9 while a daemon estimates 100 queued studies: after a restart all are estimated once, none lost")
    func killWhileEstimatingQueue() async throws {
        try await killWhileEstimating(studies: 100, kills: 1)
    }

    @Test("soak: 300 queued studies, the daemon killed five times", .enabled(if: Soak.enabled, Soak.disabledComment))
    func soakKillWhileEstimatingQueue() async throws {
        try await killWhileEstimating(studies: 300, kills: 5)
    }

    /// Queues `count` studies, starts a daemon, and SIGKILLs it `kills` times at even steps of the progress (each
    /// time while a worker holds a job), restarting it each time; then checks every study was estimated exactly once.
    func killWhileEstimating(studies count: Int, kills: Int) async throws {
        try await TestPostgres.withDatabase(maxConnections: 4) { database in
            let run = "ctriage-killq-\(UUID().uuidString.prefix(8))"
            let stateDir = URL(fileURLWithPath: "/tmp/\(run)")
            let log = URL(fileURLWithPath: "/tmp/\(run).log")
            defer {
                try? FileManager.default.removeItem(at: stateDir)
                try? FileManager.default.removeItem(at: log)
            }
            let pool = PostgresPool(configuration: database, logger: TestPostgres.logger)
            defer { Task { await pool.close() } }
            let db = try await FaultDatabase.prepare(pool: pool, radiologists: 1)
            _ = try await db.queueStudies(count, size: Self.estimationPhantomSize, slices: Self.estimationPhantomSlices)
            let started = ContinuousClock.now

            let environment = [
                "DATABASE_URL": database.connectionString, "CTRIAGE_ESTIMATION_WORKERS": "2",
                "CTRIAGE_ESTIMATION_LEASE_SECONDS": "5", "CTRIAGE_ESTIMATION_POLL_SECONDS": "0.2",
            ]
            var daemon = try startServe(stateDir: stateDir, port: Self.freePort(), log: log, environment: environment)
            defer { if daemon.isRunning { daemon.terminate() } }  // a failed expectation must not leave a daemon behind
            var inFlightAtKills: [Int] = []
            for round in 1...kills {
                let target = count * round / (kills + 1)
                let pid = daemon.processIdentifier
                // At the target progress, and only while one of this daemon's workers holds a job.
                let ready = try await poll(seconds: 300) {
                    let (done, held) = try await pool.query("""
                        SELECT count(*) FILTER (WHERE state = 'done'),
                               count(*) FILTER (WHERE state = 'running' AND lease_owner LIKE \("%-\(pid)-%"))
                          FROM jobs
                        """).first!.decode((Int, Int).self)
                    return done >= target && held > 0 ? true : nil
                }
                #expect(ready == true, "kill \(round): the daemon never reached \(target) estimates with a job in hand")
                kill(pid, SIGKILL)
                daemon.waitUntilExit()
                let inFlight = try await db.count("""
                    SELECT count(*) FROM jobs WHERE state = 'running' AND lease_owner LIKE \("%-\(pid)-%")
                    """)
                let done = try await db.count("SELECT count(*) FROM jobs WHERE state = 'done'")
                #expect(done < count, "kill \(round) came after the queue was empty; the test proved nothing")
                inFlightAtKills.append(inFlight)
                daemon = try startServe(stateDir: stateDir, port: Self.freePort(), log: log, environment: environment)
            }
            #expect(inFlightAtKills.reduce(0, +) > 0, "no kill landed while a job was in hand")

            let finished = try await poll(seconds: 120 + count * 3) {
                let open = try await db.count("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')")
                return open == 0 ? true : nil
            }
            #expect(finished == true, "jobs still open: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")")
            let problems = try await db.estimationProblems(expectedStudies: count)
            #expect(problems.isEmpty, "\(problems)")
            // Every job held by a killed worker ran again under a new attempt; nothing else needed to.
            let rerun = try await db.count("SELECT count(*) FROM jobs WHERE attempt > 1")
            #expect(rerun >= inFlightAtKills.reduce(0, +))
            let maxAttempt = try await db.count("SELECT max(attempt) FROM jobs")
            let elapsed = ContinuousClock.now - started
            Soak.record(
                "kill-queue: \(count) studies, \(kills) SIGKILLs (jobs in hand at each: \(inFlightAtKills)), \(rerun) jobs re-run, "
                    + "max attempt \(maxAttempt), all estimated once: \(problems.isEmpty), \(elapsed.components.seconds) s")
            try await stopWithSIGINT(daemon)
        }
    }
}
