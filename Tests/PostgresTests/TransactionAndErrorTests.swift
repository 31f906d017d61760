import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Transactions and server errors")
struct TransactionAndErrorTests {
    struct Boom: Error {}

    @Test("withTransaction rolls back when the body throws and commits otherwise")
    func rollbackOnThrow() async throws {
        try await TestPostgres.withPool { pool in
            try await pool.query("CREATE TABLE t (n int)")
            await #expect(throws: Boom.self) {
                try await pool.withTransaction { connection in
                    try await connection.query("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            try await pool.withTransaction { try await $0.query("INSERT INTO t VALUES (2)") }
            let values = try await pool.query("SELECT n FROM t").map { try $0.decode(Int.self, at: 0) }
            #expect(values == [2])
        }
    }

    @Test("a unique violation carries SQLSTATE 23505, detail and the constraint name")
    func uniqueViolation() async throws {
        try await TestPostgres.withPool { pool in
            try await pool.query("CREATE TABLE codes (code text CONSTRAINT codes_code_key UNIQUE)")
            try await pool.query("INSERT INTO codes VALUES (\("MSK-1"))")
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("INSERT INTO codes VALUES (\("MSK-1"))")
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.sqlState == "23505")
            #expect(error?.constraint == "codes_code_key")
            #expect(error?.detail?.contains("already exists") == true)
        }
    }

    @Test("lock not available (NOWAIT) is recognisable")
    func lockNotAvailable() async throws {
        try await TestPostgres.withPool { pool in
            try await pool.query("CREATE TABLE items (id int PRIMARY KEY)")
            try await pool.query("INSERT INTO items VALUES (1)")
            try await pool.withTransaction { holder in
                try await holder.query("SELECT id FROM items WHERE id = 1 FOR UPDATE")
                let error = await #expect(throws: PostgresError.self) {
                    try await pool.query("SELECT id FROM items WHERE id = 1 FOR UPDATE NOWAIT")
                }
                #expect(error?.isLockNotAvailable == true)
            }
        }
    }

    @Test("a serialization failure is recognisable")
    func serializationFailure() async throws {
        try await TestPostgres.withPool { pool in
            try await pool.query("CREATE TABLE counters (id int PRIMARY KEY, n int)")
            try await pool.query("INSERT INTO counters VALUES (1, 0)")
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction(isolation: .repeatableRead) { first in
                    _ = try await first.query("SELECT n FROM counters WHERE id = 1")
                    try await pool.withTransaction { second in
                        try await second.query("UPDATE counters SET n = n + 1 WHERE id = 1")
                    }
                    try await first.query("UPDATE counters SET n = n + 10 WHERE id = 1")
                }
            }
            #expect(error?.isSerializationFailure == true)
            let scalar = try await pool.scalar("SELECT n FROM counters", as: Int.self)
            #expect(scalar == 1)
        }
    }

    @Test("statement_timeout cancels a long statement with SQLSTATE 57014")
    func statementTimeout() async throws {
        try await TestPostgres.withPool(statementTimeout: .milliseconds(200)) { pool in
            let started = ContinuousClock.now
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT pg_sleep(10)") }
            #expect(error?.isQueryCancelled == true)
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test("cancelling the Swift task cancels the running query on the server")
    func taskCancellation() async throws {
        try await TestPostgres.withPool { pool in
            let started = ContinuousClock.now
            let task = Task { try await pool.query("SELECT pg_sleep(30)") }
            // Cancel once the query really runs on the server (a fixed wait raced on a loaded machine: a task
            // cancelled before it is sent fails with CancellationError instead, which proves nothing here).
            try await TestPostgres.waitForActiveQueries("SELECT pg_sleep(30)", count: 1, database: pool)
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - started < .seconds(25))
            guard case .failure(let error) = result else {
                Issue.record("the cancelled query returned normally")
                return
            }
            #expect((error as? PostgresError)?.isQueryCancelled == true)
            // Only active backends (an idle one keeps its last statement's text in pg_stat_activity.query),
            // and only this test's database: PoolExecutorTests runs the same statement in its own.
            let sleeping = try await pool.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep(30)%'")
            #expect(try sleeping.first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a syntax error names the problem and leaves the connection usable")
    func syntaxError() async throws {
        try await TestPostgres.withPool(maxConnections: 1) { pool in
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELEC 1") }
            #expect(error?.sqlState == "42601")
            let scalar = try await pool.scalar("SELECT 2", as: Int.self)
            #expect(scalar == 2)
        }
    }
}
