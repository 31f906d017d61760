import Estimator
import Foundation

/// A bar on a terminal, one plain line per study otherwise (logs, CI).
final class EvaluationProgress {
    let total: Int
    let onTerminal: Bool
    private var done = 0

    init(total: Int, onTerminal: Bool) {
        self.total = total
        self.onTerminal = onTerminal
    }

    func step(_ record: EvaluationRecord) {
        done += 1
        let outcome = record.failure.map { "failed: \($0)" }
            ?? "\(record.estimatedCategory?.description ?? "no category") (truth \(record.truthCategory?.description ?? "?"))"
        if onTerminal {
            let width = 30, filled = width * done / total
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(record.study): \(outcome)\u{1B}[K".utf8))
        } else {
            FileHandle.standardError.write(Data("\(done)/\(total) \(record.study): \(outcome)\n".utf8))
        }
    }

    func finish() {
        if onTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
