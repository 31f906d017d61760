import Foundation
import Postgres

/// Runs `ClaimSignScript` through pgbench (extended protocol) for a fixed number of cycles per client.
struct ClaimSignBench {
    var base: PostgresConfiguration
    var seconds: Int

    func pgbenchRate(clients: Int, firstRadiologist: Int, expectedRate: Double) throws -> Double {
        let perClient = max(50, Int(expectedRate * Double(seconds) / Double(clients)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctriage-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("claim_sign.sql")
        try ClaimSignScript.text.write(to: script, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("pgbench.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "pgbench", "-n", "-M", "extended", "-f", script.path, "-c", "\(clients)", "-j", "\(min(clients, 4))",
            "-t", "\(perClient)", "-D", "base=\(firstRadiologist)", base.connectionString,
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
            throw BenchmarkError(message: "pgbench failed (exit \(process.terminationStatus)): \(output.suffix(800))")
        }
        return tps
    }
}
