import Foundation
import Hummingbird

/// Typed access to the query string with errors that name the parameter.
struct QueryParameters {
    let values: [String: String]

    init(_ request: Request) {
        var values: [String: String] = [:]
        // Hummingbird has already percent-decoded the values; decoding again would turn "%2541" into "A".
        for (key, value) in request.uri.queryParameters { values[String(key)] = String(value) }
        self.values = values
    }

    /// The raw value; present-but-empty counts as given (and the typed accessors refuse it).
    subscript(_ name: String) -> String? { values[name] }

    /// A clinic code filter: letters, digits, '_' or '-'.
    func clinicCode(_ name: String = "clinic") throws -> String? {
        guard let text = self[name] else { return nil }
        guard text.range(of: "^[A-Za-z0-9_-]{1,32}$", options: .regularExpression) != nil else {
            throw APIError.badRequest("query parameter \(name) must be a clinic code (letters, digits, '_' or '-')")
        }
        return text
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = self[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("query parameter \(name) must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func date(_ name: String) throws -> Date? {
        guard let text = self[name] else { return nil }
        let full = ISO8601DateFormatter()
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        guard let date = full.date(from: text) ?? day.date(from: text) else {
            throw APIError.badRequest("query parameter \(name) must be an ISO 8601 date (2020-05-01) or time (2020-05-01T09:30:00Z)")
        }
        return date
    }

    func boolean(_ name: String) throws -> Bool? {
        guard let text = self[name] else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("query parameter \(name) must be true or false")
        }
    }
}
