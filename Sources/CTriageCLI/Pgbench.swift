import Foundation

/// Runs pgbench (extended protocol) with a script for a fixed number of transactions per client and returns its
/// tps. A fixed count (`-t`) rather than a duration (`-T`): a child of this process may inherit a blocked
/// SIGALRM, and pgbench's `-T` timer then never fires.
enum Pgbench {
    static func rate(
        script: String, clients: Int, transactionsPerClient: Int, variables: [String: String] = [:], connectionString: String
    ) throws -> Double {
        try run(
            script: script, clients: clients, transactionsPerClient: transactionsPerClient, variables: variables,
            connectionString: connectionString
        ).tps
    }

    /// Also returns pgbench's own CPU time (user + system, from the kernel's accounting of reaped children) per
    /// transaction: a figure that, unlike the rate, hardly depends on what else the machine is doing.
    static func run(
        script: String, clients: Int, transactionsPerClient: Int, variables: [String: String] = [:], connectionString: String
    ) throws -> (tps: Double, cpuSecondsPerTransaction: Double) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctriage-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scriptFile = folder.appendingPathComponent("script.sql")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("pgbench.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "pgbench", "-n", "-M", "extended", "-f", scriptFile.path, "-c", "\(clients)", "-j", "\(min(clients, 4))",
            "-t", "\(transactionsPerClient)",
        ] + variables.sorted { $0.key < $1.key }.flatMap { ["-D", "\($0.key)=\($0.value)"] } + [connectionString]
        process.standardOutput = handle
        process.standardError = handle
        let cpuBefore = childrenCPUSeconds()
        try process.run()
        process.waitUntilExit()
        let cpu = childrenCPUSeconds() - cpuBefore
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let tps = Double(line.dropFirst(6).prefix { $0 == "." || $0.isNumber })
        else {
            throw BenchmarkError(message: "pgbench failed (exit \(process.terminationStatus)): \(output.suffix(800))")
        }
        return (tps, cpu / Double(clients * transactionsPerClient))
    }

    /// CPU seconds of every child process reaped so far (the embedded PostgreSQL runs until the end, so this
    /// grows only by the pgbench runs).
    private static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_CHILDREN.rawValue, &usage) == 0 else { return .nan }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
