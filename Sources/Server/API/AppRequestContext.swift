import Foundation
import Hummingbird
import RequestBodies
import Store

/// The per-request context: Hummingbird's core storage plus the authenticated user, set by `AuthMiddleware`.
/// JSON is snake_case with ISO 8601 dates in both directions.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var requestDecoder: JSONDecoder {
        RequestJSON.decoder()
    }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// The authenticated user if their role is one of `roles`: 401 without credentials, 403 for another role.
    func require(_ roles: Role...) throws -> Principal {
        guard let principal else {
            throw APIError(
                status: .unauthorized, code: "unauthorized", message: "sign in or send an API token (Authorization: Bearer …)",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        guard roles.isEmpty || roles.contains(principal.role) else {
            throw APIError(
                status: .forbidden, code: "forbidden",
                message: "this needs the role \(roles.map(\.rawValue).joined(separator: " or ")); you are \(principal.role.rawValue)")
        }
        return principal
    }

    /// The request id Hummingbird put in the logger, for the audit trail.
    var requestID: String? { logger[metadataKey: "hb.request.id"].map { "\($0)" } }
}
