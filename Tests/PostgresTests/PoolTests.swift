import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test("an exhausted pool fails the waiting checkout with a clear timeout error")
    func exhaustion() async throws {
        try await TestPostgres.withDatabase { base in
            var configuration = base
            configuration.maxConnections = 2
            configuration.checkoutTimeout = .milliseconds(300)
            let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)
            let holders = (0..<2).map { _ in Task { try await pool.query("SELECT pg_sleep(20)") } }
            // Wait until both holders are really inside pg_sleep (a sleep of a fixed length raced on a loaded machine).
            let observer = PostgresPool(configuration: base, logger: TestPostgres.logger)
            try await TestPostgres.waitForActiveQueries("SELECT pg_sleep(20)", count: 2, database: observer)
            await observer.close()
            let started = ContinuousClock.now
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error?.code == .poolTimeout)
            #expect(error?.message.contains("all 2 in use") == true)
            // Far below the holders' 20 s: the waiter gave up at its timeout (slack for a loaded test machine).
            #expect(ContinuousClock.now - started < .seconds(5))
            for holder in holders { holder.cancel() }
            for holder in holders { _ = await holder.result }
            #expect(try await pool.query("SELECT 1").count == 1)
            #expect(pool.openConnections <= 2)
            await pool.close()
        }
    }

    @Test("many concurrent tasks share a small pool without exceeding it")
    func boundedUnderLoad() async throws {
        // Generous checkout timeout: the test is about the bound, and a loaded machine can be slow.
        try await TestPostgres.withDatabase { base in
            var configuration = base
            configuration.maxConnections = 3
            configuration.checkoutTimeout = .seconds(60)
            let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)
            defer { Task { await pool.close() } }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<60 {
                    group.addTask { try await pool.query("SELECT \(i)").first!.decode(Int.self, at: 0) }
                }
                var sum = 0
                for try await value in group { sum += value }
                #expect(sum == (0..<60).reduce(0, +))
            }
            #expect(pool.openConnections <= 3)
            let backends = try await pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            #expect(try backends.first!.decode(Int.self, at: 0) <= 3)
        }
    }

    @Test("a connection killed by the server is replaced on the next checkout")
    func brokenConnectionReplaced() async throws {
        try await TestPostgres.withPool(maxConnections: 1) { pool in
            let pid = try await pool.query("SELECT pg_backend_pid()").first!.decode(Int32.self, at: 0)
            try await TestPostgres.withPool(maxConnections: 1) { other in
                try await other.query("SELECT pg_terminate_backend(\(pid))")
            }
            try await Task.sleep(for: .milliseconds(200))
            let newPID = try await pool.query("SELECT pg_backend_pid()").first!.decode(Int32.self, at: 0)
            #expect(newPID != pid)
        }
    }

    @Test("a bad connection string fails with connectionFailed and the libpq message")
    func badConnection() async throws {
        let configuration = PostgresConfiguration(
            connectionString: "host=/nonexistent-ctriage-socket-dir port=1", maxConnections: 1, checkoutTimeout: .milliseconds(300))
        let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.isEmpty == false)
        #expect(pool.openConnections == 0)
        await pool.close()
    }
}
