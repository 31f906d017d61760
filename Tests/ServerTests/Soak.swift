import Foundation
import Testing

/// The long variants of the fault tests run only under `make soak` (`CTRIAGE_SOAK=1`); their figures go to the
/// file named by `CTRIAGE_SOAK_REPORT`, one line per run, for BENCHMARKS.md.
enum Soak {
    static let enabled = ProcessInfo.processInfo.environment["CTRIAGE_SOAK"] == "1"
    static let disabledComment: Comment = "a long fault test: run it with `make soak` (CTRIAGE_SOAK=1)"

    /// Appends one line of figures to the soak report (nothing when no report file is set).
    static func record(_ line: String) {
        guard let path = ProcessInfo.processInfo.environment["CTRIAGE_SOAK_REPORT"], !path.isEmpty else { return }
        let stamped = "\(ISO8601DateFormatter().string(from: Date())) \(line)\n"
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(stamped.utf8))
    }
}
