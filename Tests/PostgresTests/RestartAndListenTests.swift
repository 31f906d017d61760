import EmbeddedPostgres
import Foundation
import Logging
import Postgres
import ServiceLifecycle
import TestSupport
import Testing

@Suite("Server restarts and LISTEN/NOTIFY")
struct RestartAndListenTests {
    @Test("NOTIFY reaches a listener's stream, and again after its connection is killed")
    func listenNotify() async throws {
        try await TestPostgres.withDatabase { configuration in
            var listenerConfiguration = configuration
            listenerConfiguration.applicationName = "ctriage-listener-test"
            let listener = PostgresListener(configuration: listenerConfiguration, logger: TestPostgres.logger)
            let stream = try listener.notifications(channel: "study_events")
            var iterator = stream.makeAsyncIterator()
            let runner = Task { try await listener.run() }
            let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)

            try await waitUntil { listener.isConnected }
            try await pool.notify(channel: "study_events", payload: "study 1")
            #expect(await iterator.next()?.payload == "study 1")

            try await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ctriage-listener-test'")
            try await waitUntil { !listener.isConnected }
            try await waitUntil { listener.isConnected }
            try await pool.notify(channel: "study_events", payload: "study 2")
            #expect(await iterator.next()?.payload == "study 2")

            runner.cancel()
            _ = await runner.result
            await pool.close()
        }
    }

    @Test("an invalid channel name is refused")
    func invalidChannel() throws {
        let listener = PostgresListener(configuration: PostgresConfiguration(), logger: TestPostgres.logger)
        #expect(throws: PostgresError.self) { try listener.notifications(channel: "x; DROP TABLE y") }
    }

    @Test("the pool recovers after the database server restarts mid-run")
    func recoveryAfterRestart() async throws {
        let cluster = try await TestPostgres.startThrowawayCluster(name: "restart")
        defer { try? FileManager.default.removeItem(at: cluster.options.dataDirectory.deletingLastPathComponent()) }
        let configuration = PostgresConfiguration(
            connectionString: cluster.connectionString(), maxConnections: 3, checkoutTimeout: .seconds(15))
        let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)
        try await pool.query("CREATE TABLE marks (n int)")
        try await pool.query("INSERT INTO marks VALUES (1)")

        await cluster.stop(immediate: true)
        #expect(!cluster.isRunning)
        let restart = Task {
            try await Task.sleep(for: .milliseconds(500))
            try await cluster.start()
        }
        // Issued while the server is down: the pool retries connecting until the server is back.
        let rows = try await pool.query("SELECT count(*) FROM marks")
        try await restart.value
        #expect(try rows.first?.decode(Int.self, at: 0) == 1)
        for _ in 0..<5 { try await pool.query("INSERT INTO marks VALUES (2)") }
        let scalar = try await pool.scalar("SELECT count(*) FROM marks", as: Int.self)
        #expect(scalar == 6)
        await pool.close()
        await cluster.stop()
    }

    private func waitUntil(timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within \(timeout)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
