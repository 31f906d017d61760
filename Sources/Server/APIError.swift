import Foundation
import Hummingbird

/// An error as the HTTP API reports it: `{"error":{"code":…,"message":…}}` with a status. Domain errors are
/// mapped to it here, at the edge, and nowhere else.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public static func databaseUnavailable(_ detail: String) -> APIError {
        APIError(
            status: .serviceUnavailable, code: "database_unavailable", message: "the database is unavailable: \(detail)",
            headers: [.retryAfter: "5"])
    }

    /// The database refused for want of disk, memory or connections (SQLSTATE class 53): nothing was stored, and
    /// the client may retry once an operator has made room.
    public static func databaseOutOfResources(diskFull: Bool) -> APIError {
        diskFull
            ? APIError(
                status: .serviceUnavailable, code: "database_disk_full",
                message: "the database is out of disk space; nothing was stored, retry later", headers: [.retryAfter: "30"])
            : APIError(
                status: .serviceUnavailable, code: "database_out_of_resources",
                message: "the database is out of memory or connections; nothing was stored, retry later", headers: [.retryAfter: "10"])
    }

    struct Envelope: Encodable {
        struct Body: Encodable {
            var code: String
            var message: String
        }
        var error: Body
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = (try? JSONEncoder().encode(Envelope(error: .init(code: code, message: message)))) ?? Data()
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
