import Foundation
import Hummingbird
import Postgres

/// `GET /health`: 200 when the database answers, 503 with Retry-After when it does not.
struct HealthController: Sendable {
    let pool: PostgresPool

    struct Status: ResponseEncodable {
        var status: String
        var database: String
        var version: String
    }

    func register(with router: Router<some RequestContext>) {
        router.get("health") { _, _ -> Response in
            do {
                _ = try await pool.query("SELECT 1")
            } catch let error as PostgresError {
                throw APIError.databaseUnavailable(error.code == .poolTimeout ? "no connection became free in time" : error.message)
            }
            let body = try JSONEncoder().encode(Status(status: "ok", database: "ok", version: CTriageServer.version))
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
}
