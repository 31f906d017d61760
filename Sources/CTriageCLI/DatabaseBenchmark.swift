import Foundation
import Logging
import Postgres

/// Measures our pool against pgbench with the same statement and client count.
struct DatabaseBenchmark {
    var base: PostgresConfiguration
    var seconds: Int
    var logger: Logger

    struct Measurement {
        var rate: Double
        /// CPU time of this process (all threads) per statement during the timed phase.
        var cpuSecondsPerStatement: Double
    }

    /// - Parameter onPoolExecutor: run the client tasks on the pool's reactor thread (`PostgresPool.taskExecutor`)
    ///   instead of Swift's default executor.
    func ctriageRate(clients: Int, onPoolExecutor: Bool) async throws -> Measurement {
        var configuration = base
        configuration.maxConnections = clients
        let pool = PostgresPool(configuration: configuration, logger: logger)
        defer { Task { await pool.close() } }
        // Warm up: open every connection before timing.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<clients { group.addTask { try await pool.query("SELECT \(i)::int") } }
            try await group.waitForAll()
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        let started = ContinuousClock.now
        let cpuBefore = ProcessUsage.cpuSeconds
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask(executorPreference: onPoolExecutor ? pool.taskExecutor : nil) {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        let value = try await pool.query("SELECT \(client + count)::int").first?.decode(Int.self, at: 0)
                        precondition(value == client + count, "benchmark query returned a wrong value")
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        let cpu = ProcessUsage.cpuSeconds - cpuBefore
        await pool.close()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(rate: Double(total) / seconds, cpuSecondsPerStatement: cpu / Double(max(total, 1)))
    }

    /// pgbench in extended-protocol mode sends `:n` as a bound parameter, like our client; the transaction count
    /// is sized from `expectedRate` to last about as long as our run.
    func pgbenchRate(clients: Int, expectedRate: Double) throws -> Measurement {
        let run = try Pgbench.run(
            script: "\\set n random(1, 1000000)\nSELECT :n::int;\n", clients: clients,
            transactionsPerClient: max(100, Int(expectedRate * Double(seconds) / Double(clients))),
            connectionString: base.connectionString)
        return Measurement(rate: run.tps, cpuSecondsPerStatement: run.cpuSecondsPerTransaction)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
