import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the real `ctriage` binary as `make run` does: embedded cluster, /health, SIGINT, restart on the same data.
@Suite("ctriage serve as a process", .serialized)
struct DaemonProcessTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func binary() throws -> URL {
        let candidates = ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/ctriage") }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build ctriage first (swift build)")
    }

    static func freePort() -> Int { Int.random(in: 20_000...40_000) }

    func startServe(stateDir: URL, port: Int, log: URL, environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["serve", "--state-dir", stateDir.path, "--port", "\(port)", "--log-level", "info"]
        process.currentDirectoryURL = Self.root
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["CTRIAGE_DATABASE_URL"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func health(port: Int) async -> Int? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/health")!)
        request.timeoutInterval = 2
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    func waitForHealth(port: Int, process: Process, log: URL) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(90))
        while ContinuousClock.now < deadline {
            if await health(port: port) == 200 { return }
            if !process.isRunning {
                Issue.record("ctriage serve exited early: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")")
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("no 200 from /health within 90 s: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")")
    }

    func stopWithSIGINT(_ process: Process) async throws {
        kill(process.processIdentifier, SIGINT)
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "ctriage did not stop within 10 s of SIGINT")
        if process.isRunning { process.terminate() }
    }

    func postgresProcesses(using dataDir: URL) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let cmdline = String(decoding: raw, as: UTF8.self)
            return cmdline.contains("postgres") && cmdline.contains(dataDir.path)
        }
    }

    @Test("serve answers /health, stops on SIGINT leaving no postgres, and a second run reuses the data")
    func serveLifecycle() async throws {
        let stateDir = URL(fileURLWithPath: "/tmp/ctriage-serve-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: stateDir) }
        let log = URL(fileURLWithPath: "/tmp/ctriage-serve-\(UUID().uuidString.prefix(8)).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let port = Self.freePort()

        let first = try startServe(stateDir: stateDir, port: port, log: log)

        defer { if first.isRunning { first.terminate() } }  // a failed expectation must not leave a daemon behind
        try await waitForHealth(port: port, process: first, log: log)
        try await stopWithSIGINT(first)
        try await Task.sleep(for: .milliseconds(300))
        #expect(postgresProcesses(using: stateDir.appendingPathComponent("pgdata")).isEmpty)
        let versionFile = stateDir.appendingPathComponent("pgdata/PG_VERSION")
        let created = try FileManager.default.attributesOfItem(atPath: versionFile.path)[.modificationDate] as? Date

        let second = try startServe(stateDir: stateDir, port: port, log: log)

        defer { if second.isRunning { second.terminate() } }  // a failed expectation must not leave a daemon behind
        try await waitForHealth(port: port, process: second, log: log)
        let reused = try FileManager.default.attributesOfItem(atPath: versionFile.path)[.modificationDate] as? Date
        #expect(created == reused, "the second run re-initialised the cluster")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.components(separatedBy: "initialising a new PostgreSQL cluster").count == 2)
        try await stopWithSIGINT(second)
        try await Task.sleep(for: .milliseconds(300))
        #expect(postgresProcesses(using: stateDir.appendingPathComponent("pgdata")).isEmpty)
    }

    @Test("a crashed daemon (SIGKILL) leaves no server behind, and the next start recovers the cluster")
    func crashRecovery() async throws {
        let stateDir = URL(fileURLWithPath: "/tmp/ctriage-crash-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: stateDir) }
        let log = URL(fileURLWithPath: "/tmp/ctriage-crash-\(UUID().uuidString.prefix(8)).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let port = Self.freePort()

        let first = try startServe(stateDir: stateDir, port: port, log: log)

        defer { if first.isRunning { first.terminate() } }  // a failed expectation must not leave a daemon behind
        try await waitForHealth(port: port, process: first, log: log)
        kill(first.processIdentifier, SIGKILL)
        let deadline = ContinuousClock.now.advanced(by: .seconds(15))
        while !postgresProcesses(using: stateDir.appendingPathComponent("pgdata")).isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(postgresProcesses(using: stateDir.appendingPathComponent("pgdata")).isEmpty, "postgres outlived a killed daemon")

        let second = try startServe(stateDir: stateDir, port: port, log: log)

        defer { if second.isRunning { second.terminate() } }  // a failed expectation must not leave a daemon behind
        try await waitForHealth(port: port, process: second, log: log)
        try await stopWithSIGINT(second)
    }
}
