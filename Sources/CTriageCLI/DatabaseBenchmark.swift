import Foundation
import Logging
import Postgres

/// Measures our pool against pgbench with the same statement and client count.
struct DatabaseBenchmark {
    var base: PostgresConfiguration
    var seconds: Int
    var logger: Logger

    func ctriageRate(clients: Int) async throws -> Double {
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
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
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
        await pool.close()
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// pgbench in extended-protocol mode sends `:n` as a bound parameter, like our client. It runs a fixed
    /// number of transactions (`-t`, sized from `expectedRate` to last about as long as our run) rather than
    /// `-T`: a child of this process may inherit a blocked SIGALRM, and pgbench's `-T` timer then never fires.
    func pgbenchRate(clients: Int, expectedRate: Double) throws -> Double {
        let perClient = max(100, Int(expectedRate * Double(seconds) / Double(clients)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctriage-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("select.sql")
        try "\\set n random(1, 1000000)\nSELECT :n::int;\n".write(to: script, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("pgbench.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "pgbench", "-n", "-M", "extended", "-f", script.path, "-c", "\(clients)", "-j", "\(min(clients, 4))",
            "-t", "\(perClient)", base.connectionString,
        ]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let tps = Double(line.dropFirst(6).prefix { $0 == "." || $0.isNumber })
        else {
            throw BenchmarkError(message: "pgbench failed (exit \(process.terminationStatus)): \(output.suffix(500))")
        }
        return tps
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
