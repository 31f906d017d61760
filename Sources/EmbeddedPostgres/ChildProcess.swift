import Foundation

/// Runs short-lived helper programs. Output goes to a file, never a pipe: a daemon started by the child
/// would inherit a pipe and keep `waitUntilExit` from returning.
enum ChildProcess {
    static func output(of executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ctriage-child-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let status = try run(executable, arguments, environment: environment, log: log)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw ChildProcessFailure(status: status, output: text)
        }
        return text
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]?, log: URL) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        try handle.seekToEnd()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct ChildProcessFailure: Error {
    var status: Int32
    var output: String
}
