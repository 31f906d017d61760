import EmbeddedPostgres
import Foundation
import Postgres
import TestSupport
import Testing

extension DaemonProcessTests {
    @Test("PostgreSQL restarted under uploads, vitals and readings: the daemon answers 503 + Retry-After, reconnects by itself, keeps every 2xx")
    func mixedLoadDatabaseRestart() async throws {
        try await mixedLoadDatabaseRestarts(restarts: 1, acknowledgementsBetween: 30)
    }

    @Test("soak: minutes of mixed load with PostgreSQL restarted six times", .enabled(if: Soak.enabled, Soak.disabledComment))
    func soakMixedLoadDatabaseRestarts() async throws {
        try await mixedLoadDatabaseRestarts(restarts: 6, acknowledgementsBetween: 600)
    }

    /// One daemon on a PostgreSQL cluster of the test's own, two uploaders, two vitals writers and two radiologists
    /// (claim + sign) over HTTP; the cluster is stopped with an immediate shutdown `restarts` times, each time only
    /// after every kind of request has succeeded again and `acknowledgementsBetween` more were acknowledged.
    func mixedLoadDatabaseRestarts(restarts: Int, acknowledgementsBetween: Int) async throws {
        let cluster = try await TestPostgres.startThrowawayCluster(name: "mixed")
        defer { try? FileManager.default.removeItem(at: cluster.options.dataDirectory.deletingLastPathComponent()) }
        let connection = cluster.connectionString()
        let pool = PostgresPool(
            configuration: PostgresConfiguration(connectionString: connection, maxConnections: 2, checkoutTimeout: .seconds(10)),
            logger: TestPostgres.logger)
        let db = try await FaultDatabase.prepare(pool: pool, radiologists: 2)
        _ = try await db.queueStudies(8, size: 48, slices: 8)  // reading work from the start
        let vitalsStudies = try await pool.query("SELECT public_id FROM studies ORDER BY id LIMIT 2").map {
            try $0.decode(UUID.self, at: 0).uuidString.lowercased()
        }

        let run = "ctriage-mixed-\(UUID().uuidString.prefix(8))"
        let stateDir = URL(fileURLWithPath: "/tmp/\(run)")
        let log = URL(fileURLWithPath: "/tmp/\(run).log")
        defer {
            try? FileManager.default.removeItem(at: stateDir)
            try? FileManager.default.removeItem(at: log)
        }
        let port = Self.freePort()
        let daemon = try startServe(stateDir: stateDir, port: port, log: log, environment: [
            "DATABASE_URL": connection, "CTRIAGE_ESTIMATION_WORKERS": "1", "CTRIAGE_ESTIMATION_POLL_SECONDS": "0.5",
            "CTRIAGE_DB_CHECKOUT_TIMEOUT_SECONDS": "1",
        ])
        defer { if daemon.isRunning { daemon.terminate() } }  // a failed expectation must not leave a daemon behind
        try await waitForHealth(port: port, process: daemon, log: log)
        let pid = daemon.processIdentifier
        let started = ContinuousClock.now

        let ledger = LoadLedger()
        let staff = db.tokens["staff1"]!
        let clients = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<2 {
                    group.addTask {
                        await FaultClients.uploader(token: staff, port: port, firstSeed: UInt64(50_000 + index * 100_000), ledger: ledger)
                    }
                }
                for study in vitalsStudies {
                    group.addTask { await FaultClients.vitalsWriter(token: staff, port: port, study: study, ledger: ledger) }
                }
                for name in ["rad1", "rad2"] {
                    let token = db.tokens[name]!
                    group.addTask { await FaultClients.radiologist(name, token: token, ports: [port], ledger: ledger) }
                }
            }
        }
        let everyKind = Set(LoadLedger.Kind.allCases)
        var outages: [Double] = []
        var phase = 0
        for round in 1...restarts {
            let baseline = Self.acknowledgements(ledger.snapshot)
            let steady = try await poll(seconds: 180) { [phase] in
                ledger.acknowledged(everyKind, in: phase) && Self.acknowledgements(ledger.snapshot) >= baseline + acknowledgementsBetween
                    ? true : nil
            }
            #expect(steady == true, "round \(round): not every kind of request succeeded: \(ledger.snapshot.acknowledged[phase] ?? [])")

            let refusedBefore = ledger.snapshot.unavailable
            await cluster.stop(immediate: true)
            let down = ContinuousClock.now
            let refusing = try await poll(seconds: 60) { ledger.snapshot.unavailable > refusedBefore ? true : nil }
            #expect(refusing == true, "round \(round): no request was refused while PostgreSQL was down")
            let health = await DaemonClient(port: port).get("/health")
            #expect(health?.status == 503 && health?.retryAfter != nil, "round \(round): /health answered \(health?.status ?? 0)")
            try await cluster.start()
            outages.append((ContinuousClock.now - down) / .milliseconds(1) / 1000)
            phase = ledger.nextPhase()
        }
        let recovered = try await poll(seconds: 180) { [phase] in ledger.acknowledged(everyKind, in: phase) ? true : nil }
        #expect(recovered == true, "after the last restart only \(ledger.snapshot.acknowledged[phase] ?? []) succeeded again")
        ledger.stop()
        await clients.value

        let outcome = ledger.snapshot
        #expect(daemon.isRunning && daemon.processIdentifier == pid, "the daemon did not survive: \(Self.tail(log))")
        #expect(outcome.unexpected.isEmpty, "\(outcome.unexpected.prefix(5))")
        #expect(outcome.unavailableWithoutRetryAfter == 0, "503 without Retry-After")
        #expect(outcome.noAnswer == 0, "requests without any answer: \(outcome.noAnswer)")
        let missing = try await db.missingAcknowledgements(outcome)
        #expect(missing.isEmpty, "acknowledged but not in the database: \(missing.prefix(10))")
        #expect(try await db.overlappingClaims() == 0)
        let elapsed = ContinuousClock.now - started
        Soak.record(
            "mixed-restarts: \(restarts) immediate PostgreSQL restarts (down \(outages.map { String(format: "%.1f", $0) }.joined(separator: ", ")) s), "
                + "\(outcome.uploads.count) uploads, \(outcome.vitals.count) vitals, \(outcome.claims.count) claims, "
                + "\(outcome.readings.count) readings acknowledged, \(outcome.unavailable) answered 503 + Retry-After, "
                + "missing \(missing.count), other errors \(outcome.unexpected.count), daemon restarted: \(!daemon.isRunning), "
                + "\(elapsed.components.seconds) s")
        try await stopWithSIGINT(daemon)
        await pool.close()
        await cluster.stop()
    }

    static func acknowledgements(_ state: LoadLedger.State) -> Int {
        state.uploads.count + state.vitals.count + state.claims.count + state.readings.count
    }

    static func tail(_ log: URL) -> String {
        String((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")
    }
}
