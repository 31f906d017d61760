import Foundation
import Hummingbird

/// The fields of an HTML form post (`application/x-www-form-urlencoded`). The body is collected into the
/// request, so the middleware that reads the CSRF field and the route that reads the rest see the same bytes.
struct FormBody: Sendable, Equatable {
    /// Forms of these pages are small; a larger body is not a form we rendered.
    static let limit = 256 * 1024

    var fields: [String: String]

    init(fields: [String: String] = [:]) { self.fields = fields }

    /// Parses `a=1&b=x+y%21`; the last of repeated names wins, a field without `=` is empty.
    init(parsing text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? (Self.decode(parts[1]) ?? "") : ""
        }
        self.fields = fields
    }

    subscript(name: String) -> String? { fields[name] }

    /// A field with surrounding white space removed, nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func decode(_ component: Substring) -> String? {
        component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }

    /// Reads the form from the request body, leaving the collected body in place for later readers.
    static func collect(_ request: inout Request) async throws -> FormBody {
        let buffer = try await request.collectBody(upTo: limit)
        return FormBody(parsing: String(buffer: buffer))
    }
}
