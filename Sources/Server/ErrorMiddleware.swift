import Hummingbird
import Logging
import Postgres
import RequestBodies
import Store
import Triage

/// Turns every error escaping a route into the JSON error envelope, so clients never see an HTML page or an
/// empty body, and never a database message that might echo a value.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as IngestError {
            throw APIError(error)
        } catch let error as WorklistError {
            throw APIError(error)
        } catch let error as AccountError {
            throw APIError(error)
        } catch let error as TriageError {
            throw APIError(error)
        } catch let error as RequestBodyError {
            throw APIError(error)
        } catch let error as DecodingError {
            throw APIError.badRequest("the JSON body does not match the expected fields: \(Self.describe(error))")
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = OpenAPIDocument.allowedMethods(forPath: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
                throw APIError(status: .notFound, code: "not_found", message: error.body ?? "not found")
            }
            throw APIError(
                status: .methodNotAllowed, code: "method_not_allowed",
                message: "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", "))",
                headers: [.allow: allowed.joined(separator: ", ")])
        } catch let error as HTTPError {
            throw APIError(
                status: error.status, code: Self.code(for: error.status),
                message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as PostgresError where error.code == .invalidParameter {
            // A value PostgreSQL cannot store, e.g. text with a NUL byte: the caller's input, not our failure.
            throw APIError.badRequest("a value cannot be stored: \(error.message)")
        } catch let error as PostgresError where error.sqlState == "40001" || error.sqlState == "40P01" {
            // A serialization failure or deadlock rolled the change back whole: safe for the client to retry.
            context.logger.warning("transaction conflict", metadata: ["sqlstate": "\(error.sqlState ?? "-")"])
            throw APIError(
                status: .serviceUnavailable, code: "conflict_retry",
                message: "the change collided with a concurrent one and was not applied; retry", headers: [.retryAfter: "1"])
        } catch let error as PostgresError where error.isInsufficientResources {
            // Disk full (53100) and the like: the operator must act, the client may retry later; not our bug, not a 500.
            context.logger.error("the database is out of resources", metadata: ["sqlstate": "\(error.sqlState ?? "-")"])
            throw APIError.databaseOutOfResources(diskFull: error.isDiskFull)
        } catch let error as PostgresError where error.isConnectionError || error.code == .poolTimeout {
            context.logger.warning("database unavailable", metadata: ["error_code": "\(error.code)"])
            throw APIError.databaseUnavailable(error.code == .poolTimeout ? "no connection became free in time" : "connection failed")
        } catch {
            var metadata: Logger.Metadata = ["error_type": "\(type(of: error))"]
            if let error = error as? PostgresError {
                // Code and SQLSTATE only: the message may quote a value.
                metadata["error_code"] = "\(error.code)"
                metadata["sqlstate"] = "\(error.sqlState ?? "-")"
            }
            context.logger.error("unhandled error", metadata: metadata)
            throw APIError(status: .internalServerError, code: "internal_error", message: "an internal error occurred; see the server log")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "unprocessable"
        default: "http_\(status.code)"
        }
    }

    /// Names the field at fault without echoing the value that was sent.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(let type, let context): return "field \(path(context)) should be \(type)"
        case .valueNotFound(let type, let context): return "field \(path(context)) should be \(type), not null"
        case .dataCorrupted(let context): return path(context).isEmpty ? "not valid JSON" : "field \(path(context)) is invalid"
        @unknown default: return "invalid"
        }
    }
}
