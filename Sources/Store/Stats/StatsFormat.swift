import Foundation

/// Text forms shared by the statistics exports.
enum StatsFormat {
    /// Whole numbers without a decimal point ("90", not "90.0"); others in Swift's shortest exact form.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// ISO 8601 in UTC, e.g. "2025-03-01T08:00:00Z"; the reports carry their dates as these strings so the
    /// JSON does not depend on the encoder's date strategy.
    static func date(_ value: Date) -> String { value.formatted(.iso8601) }

    /// RFC 4180: a header line, then one line per row, every line ended by CRLF; a field holding a comma, a
    /// quote, CR or LF is quoted, with its quotes doubled.
    static func csv(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
