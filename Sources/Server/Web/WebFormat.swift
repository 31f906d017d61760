import Foundation

/// How the pages write numbers and times: UTC with the zone named, since clinics and reading rooms may sit in
/// different zones and a bare "14:05" would be read in the reader's own.
enum WebFormat {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// "28 Nov 14:05 UTC".
    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        let c = utc.dateComponents([.day, .month, .hour, .minute], from: date)
        return String(format: "%d %@ %02d:%02d UTC", c.day ?? 0, months[(c.month ?? 1) - 1], c.hour ?? 0, c.minute ?? 0)
    }

    /// "2026-11-28", for chart axes and ISO attributes.
    static func day(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func iso(_ date: Date?) -> String {
        guard let date else { return "" }
        return ISO8601DateFormatter().string(from: date)
    }

    /// "42.5 %", or a dash when there is no figure.
    static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.\(digits)f %%", value)
    }

    static func share(_ value: Double?) -> String {
        percent(value.map { $0 * 100 }, digits: 0)
    }

    static func number(_ value: Double?, digits: Int = 0, unit: String = "") -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.\(digits)f", value) + (unit.isEmpty ? "" : " \(unit)")
    }

    /// "2 h 05 min", "14 min", "40 s"; negative spans are written as their size.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        let total = Int(abs(seconds).rounded())
        if total < 60 { return "\(total) s" }
        let minutes = total / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return String(format: "%d h %02d min", hours, minutes % 60) }
        return "\(hours / 24) d \(hours % 24) h"
    }

    /// Due time relative to now: "in 25 min" or "overdue by 1 h 10 min".
    static func due(_ date: Date, now: Date = Date()) -> String {
        let left = date.timeIntervalSince(now)
        return left >= 0 ? "in \(duration(left))" : "overdue by \(duration(left))"
    }
}
