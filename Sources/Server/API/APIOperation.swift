/// One documented endpoint. `OpenAPIDocument.operations` is the list; a test checks it against the router's
/// routes in both directions, so neither can drift.
struct APIOperation: Sendable {
    var method: String
    /// OpenAPI path template (`/api/v1/studies/{id}`).
    var path: String
    var summary: String
    /// Roles allowed; empty means no authentication needed.
    var roles: [String]
    var query: [String] = []
    /// Schema name of a JSON request body, or "multipart" for the upload.
    var requestBody: String? = nil
    /// Status → (description, schema name or nil).
    var responses: [Int: (String, String?)]

    /// Hummingbird's path syntax for the same route (`/api/v1/studies/:id`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }
}
