import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Tasks on the pool's executor")
struct PoolExecutorTests {
    @Test("tasks preferring the pool's executor run there, and their statements, transactions and cancellation work")
    func statementsOnTheReactorThread() async throws {
        try await TestPostgres.withPool(maxConnections: 4) { pool in
            try await pool.query("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)")
            try await pool.query("INSERT INTO counters VALUES (1, 0)")
            // The reactor's thread, as seen by a job run on the pool's executor. Compared by identity, not
            // by name: one CI run read every task's thread name as a dispatch worker's ("oot.default-qos").
            let reactorThread = await Task(executorPreference: pool.taskExecutor) { pthread_self() }.value
            let sums = try await withThrowingTaskGroup(of: (Int, pthread_t, String).self) { group in
                for client in 0..<12 {
                    group.addTask(executorPreference: pool.taskExecutor) {
                        var sum = 0
                        for round in 0..<40 {
                            sum += try await pool.query("SELECT \(client * 1000 + round)::int").first!.decode(Int.self, at: 0)
                        }
                        try await pool.withTransaction { connection in
                            try await connection.query("UPDATE counters SET n = n + 1 WHERE id = 1")
                        }
                        return (sum, pthread_self(), Self.currentThreadName())
                    }
                }
                return try await group.reduce(into: [(Int, pthread_t, String)]()) { $0.append($1) }
            }
            #expect(sums.map(\.0).sorted() == (0..<12).map { client in (0..<40).reduce(0) { $0 + client * 1000 + $1 } })
            #expect(sums.allSatisfy { pthread_equal($0.1, reactorThread) != 0 }, "resumed on \(Set(sums.map(\.2))) besides the reactor")
            #expect(try await pool.query("SELECT n FROM counters WHERE id = 1").first!.decode(Int.self, at: 0) == 12)

            let sleeper = Task(executorPreference: pool.taskExecutor) { try await pool.query("SELECT pg_sleep(30)") }
            try await TestPostgres.waitForActiveQueries("SELECT pg_sleep(30)", count: 1, database: pool)
            let started = ContinuousClock.now
            sleeper.cancel()
            let error = await #expect(throws: PostgresError.self) { try await sleeper.value }
            #expect(error?.isQueryCancelled == true)
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    /// The OS thread's name (`Thread.current` is unavailable in async code).
    private static func currentThreadName() -> String {
        let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "?"
        return name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("closing the pool under tasks on its executor ends them with an error instead of stranding them")
    func closingUnderPreferringTasks() async throws {
        try await TestPostgres.withDatabase { base in
            var configuration = base
            configuration.maxConnections = 3
            let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)
            let loops = (0..<6).map { client in
                Task(executorPreference: pool.taskExecutor) { () -> Int in
                    var count = 0
                    do {
                        while true {
                            _ = try await pool.query("SELECT \(client)::int")
                            count += 1
                        }
                    } catch let error as PostgresError where error.code == .poolClosed {
                        return count
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            await pool.close()
            for loop in loops {
                // Each loop stops with poolClosed; after the reactor thread ended it runs on the global executor.
                _ = try await loop.value
            }
        }
    }
}
