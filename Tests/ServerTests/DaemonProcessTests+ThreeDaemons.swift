import Foundation
import Postgres
import Store
import TestSupport
import Testing

extension DaemonProcessTests {
    @Test("three daemons on one database share estimation and claims; one killed mid-flight loses nothing, nothing is done twice")
    func threeDaemonsOneKilled() async throws {
        try await threeDaemons(studies: 30, kills: 1)
    }

    @Test("soak: three daemons, 150 studies, a daemon killed three times", .enabled(if: Soak.enabled, Soak.disabledComment))
    func soakThreeDaemons() async throws {
        try await threeDaemons(studies: 150, kills: 3)
    }

    /// Three daemons on one database, three radiologists claiming and signing through all of them in turn while
    /// the daemons estimate `count` studies. `kills` times a daemon is SIGKILLed while one of its workers holds a
    /// job and while a fourth radiologist holds a claim made through it that will never be signed; it is started
    /// again except after the last kill. Every job and every claim it held must come back after its lease.
    func threeDaemons(studies count: Int, kills: Int) async throws {
        try await TestPostgres.withDatabase(maxConnections: 4) { database in
            let pool = PostgresPool(configuration: database, logger: TestPostgres.logger)
            defer { Task { await pool.close() } }
            let db = try await FaultDatabase.prepare(pool: pool, radiologists: 4)
            let environment = [
                "DATABASE_URL": database.connectionString, "CTRIAGE_ESTIMATION_WORKERS": "1", "CTRIAGE_DB_POOL_SIZE": "4",
                "CTRIAGE_ESTIMATION_LEASE_SECONDS": "5", "CTRIAGE_ESTIMATION_POLL_SECONDS": "0.5", "CTRIAGE_WORKLIST_LEASE_SECONDS": "30",
            ]
            let run = "ctriage-three-\(UUID().uuidString.prefix(8))"
            let logs = (0..<3).map { URL(fileURLWithPath: "/tmp/\(run)-\($0).log") }
            let stateDirs = (0..<3).map { URL(fileURLWithPath: "/tmp/\(run)-\($0)") }
            defer { for url in logs + stateDirs { try? FileManager.default.removeItem(at: url) } }
            let ports = (0..<3).map { Self.freePort() + $0 * 7 }
            var daemons: [Process] = []
            defer { for daemon in daemons where daemon.isRunning { daemon.terminate() } }
            for index in 0..<3 {
                daemons.append(try startServe(stateDir: stateDirs[index], port: ports[index], log: logs[index], environment: environment))
            }
            for index in 0..<3 { try await waitForHealth(port: ports[index], process: daemons[index], log: logs[index]) }
            let firstPIDs = daemons.map(\.processIdentifier)
            let started = ContinuousClock.now
            // Bigger than the single daemon's: three workers must still be busy when one is killed.
            _ = try await db.queueStudies(count, size: 128, slices: Self.estimationPhantomSlices)

            let ledger = LoadLedger()
            let clients = Task {
                await withTaskGroup(of: Void.self) { group in
                    for name in ["rad1", "rad2", "rad3"] {
                        let token = db.tokens[name]!
                        group.addTask { await FaultClients.radiologist(name, token: token, ports: ports, readingTime: .milliseconds(600), ledger: ledger) }
                    }
                }
            }
            // Spread: every daemon estimated something and served claims before any is killed.
            let spread = try await poll(seconds: 240) {
                let estimators = try await pool.query("SELECT DISTINCT actor FROM audit_events WHERE action = 'study.estimate'")
                    .map { try $0.decode(String.self, at: 0) }
                let claimPorts = Set(ledger.snapshot.claims.map(\.port))
                return firstPIDs.allSatisfy { pid in estimators.contains { $0.contains("-\(pid)-") } } && claimPorts.count == 3 ? true : nil
            }
            #expect(spread == true, "estimation or claims did not reach every daemon")

            var orphans: [String] = []
            var inFlightAtKills: [Int] = []
            for round in 1...kills {
                let victim = (round + 1) % 3  // the third daemon first
                let pid = daemons[victim].processIdentifier
                let target = count * round / (kills + 1)
                let holding = try await poll(seconds: 300) {
                    let (done, held) = try await pool.query("""
                        SELECT count(*) FILTER (WHERE state = 'done'),
                               count(*) FILTER (WHERE state = 'running' AND lease_owner LIKE \("%-\(pid)-%"))
                          FROM jobs
                        """).first!.decode((Int, Int).self)
                    return done >= target && held > 0 ? true : nil
                }
                #expect(holding == true, "round \(round): daemon \(victim) never held a job at \(target) estimates")
                // A claim made through the victim that nobody will sign: it must come back when its lease ends.
                let orphan = await DaemonClient(port: ports[victim], token: db.tokens["rad4"]!).post("/api/v1/worklist/claim")
                if orphan?.status == 200, let study = orphan?.json()["study_id"] as? String { orphans.append(study.lowercased()) }
                kill(pid, SIGKILL)
                daemons[victim].waitUntilExit()
                inFlightAtKills.append(try await db.count("""
                    SELECT count(*) FROM jobs WHERE state = 'running' AND lease_owner LIKE \("%-\(pid)-%")
                    """))
                if round < kills {
                    daemons[victim] = try startServe(stateDir: stateDirs[victim], port: ports[victim], log: logs[victim], environment: environment)
                    try await waitForHealth(port: ports[victim], process: daemons[victim], log: logs[victim])
                }
            }
            #expect(inFlightAtKills.reduce(0, +) > 0, "no kill landed while a job was in hand")
            #expect(!orphans.isEmpty, "no claim was left behind by a killed daemon")

            let finished = try await poll(seconds: 240 + count * 2) {
                let open = try await db.count("""
                    SELECT (SELECT count(*) FROM jobs WHERE state IN ('queued', 'running'))
                         + (SELECT count(*) FROM worklist_items WHERE done_at IS NULL)
                    """)
                return open == 0 ? true : nil
            }
            ledger.stop()
            await clients.value
            #expect(finished == true, "work left open: \(Self.tail(logs[0]))")

            let outcome = ledger.snapshot
            let problems = try await db.estimationProblems(expectedStudies: count)
            #expect(problems.isEmpty, "\(problems)")
            let overlapping = try await db.overlappingClaims()
            #expect(overlapping == 0, "claims of one study overlapped")
            let missing = try await db.missingAcknowledgements(outcome)
            #expect(missing.isEmpty, "acknowledged but not in the database: \(missing.prefix(10))")
            #expect(outcome.unexpected.isEmpty, "\(outcome.unexpected.prefix(5))")
            // Each abandoned claim came back: the study was read by someone else afterwards.
            for orphan in orphans {
                let readers = try await pool.query("""
                    SELECT u.name FROM readings r JOIN studies s ON s.id = r.study_id JOIN users u ON u.id = r.radiologist_id
                     WHERE s.public_id = \(UUID(uuidString: orphan)!)
                    """).map { try $0.decode(String.self, at: 0) }
                #expect(!readers.isEmpty && !readers.contains("rad4"), "study \(orphan) claimed through a killed daemon: readers \(readers)")
            }
            let claimsByPort = Dictionary(grouping: outcome.claims, by: \.port).mapValues(\.count)
            let estimatesByDaemon = try await pool.query("""
                SELECT split_part(actor, '-', array_length(string_to_array(actor, '-'), 1) - 1), count(*)
                  FROM audit_events WHERE action = 'study.estimate' GROUP BY 1 ORDER BY 1
                """).map { try $0.decode((String, Int).self) }
            let rerun = try await db.count("SELECT count(*) FROM jobs WHERE attempt > 1")
            Soak.record(
                "three-daemons: \(count) studies, \(kills) SIGKILLs (jobs in hand: \(inFlightAtKills), abandoned claims: \(orphans.count)), "
                    + "estimates by daemon pid \(estimatesByDaemon.map { "\($0.0): \($0.1)" }.joined(separator: ", ")), "
                    + "claims by daemon \(ports.map { claimsByPort[$0] ?? 0 }), \(outcome.readings.count) readings, \(rerun) jobs re-run, "
                    + "double estimates/claims \(problems.count)/\(overlapping), missing \(missing.count), \(ContinuousClock.now - started)")
            for daemon in daemons where daemon.isRunning { try await stopWithSIGINT(daemon) }
        }
    }

    /// Phantoms big enough that a debug build spends a noticeable time on each, so kills land mid-job.
    static let estimationPhantomSize = 96
    static let estimationPhantomSlices = 16
}
