import Foundation
import Hummingbird
import RequestBodies

/// The fields of an HTML form post (`application/x-www-form-urlencoded`). The body is collected into the
/// request, so the middleware that reads the CSRF field and the route that reads the rest see the same bytes.
struct FormBody: Sendable, Equatable {
    /// Forms of these pages are small; a larger body is not a form we rendered.
    static let limit = 256 * 1024

    var fields: [String: String]

    init(fields: [String: String] = [:]) { self.fields = fields }

    /// Parses `a=1&b=x+y%21` (see `URLEncodedForm`).
    init(parsing text: String) {
        fields = URLEncodedForm(parsing: text).fields
    }

    subscript(name: String) -> String? { fields[name] }

    /// A field with surrounding white space removed, nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
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
