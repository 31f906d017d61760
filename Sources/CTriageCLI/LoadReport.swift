import Foundation

/// The rows `bench load` prints as a Markdown table (for BENCHMARKS.md), each with the peak resident memory of
/// this process during its phase.
struct LoadReport {
    struct Row {
        var measurement: String
        var result: String
        var reference: String
        var ratio: String
        var peakMemory: String
    }

    private(set) var rows: [Row] = []
    /// The highest of the phases' peaks: the process's peak over the run (from the first phase on).
    private(set) var highestPeak: Int?

    /// Runs `phase` with the peak-memory counter reset first, and adds the row it returns with that phase's peak.
    mutating func phase(_ phase: () async throws -> (measurement: String, result: String, reference: String, ratio: String)) async rethrows {
        ProcessUsage.resetPeakMemory()
        let row = try await phase()
        add(row.measurement, row.result, reference: row.reference, ratio: row.ratio, peakMemory: ProcessUsage.peakMemoryBytes)
    }

    mutating func add(_ measurement: String, _ result: String, reference: String = "", ratio: String = "", peakMemory: Int?) {
        if let peakMemory { highestPeak = max(highestPeak ?? 0, peakMemory) }
        let memory = peakMemory.map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "n/a"
        rows.append(Row(measurement: measurement, result: result, reference: reference, ratio: ratio, peakMemory: memory))
        print("\(measurement): \(result)\(reference.isEmpty ? "" : " | reference \(reference)")\(ratio.isEmpty ? "" : " | ratio \(ratio)") | peak RSS \(memory)")
    }

    var markdown: String {
        var lines = [
            "| measurement | result | reference, same run | ratio | peak RSS of the process |",
            "|---|---:|---:|---:|---:|",
        ]
        for row in rows {
            lines.append("| \(row.measurement) | \(row.result) | \(row.reference) | \(row.ratio) | \(row.peakMemory) |")
        }
        if let highestPeak {
            lines.append("| **whole run** | | | | **\(String(format: "%.0f MiB", Double(highestPeak) / 1_048_576))** |")
        }
        return lines.joined(separator: "\n")
    }

    static func ratio(_ value: Double, _ reference: Double) -> String { String(format: "%.2f", value / reference) }

    /// The 1, 5 and 15 minute load averages (/proc/loadavg), recorded with the figures because the machine is shared.
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "n/a" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
