import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
@testable import Server
import Testing

@Suite("Error mapping at the HTTP edge")
struct ErrorMappingTests {
    /// A router whose only route throws `error` through the ErrorMiddleware.
    func answer(to error: PostgresError) async throws -> (HTTPResponse.Status, String?, String) {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.get("fail") { _, _ -> String in throw error }
        return try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/fail", method: .get)
            return (response.status, response.headers[.retryAfter], String(buffer: response.body))
        }
    }

    @Test("a database out of disk (SQLSTATE 53100) answers 503 with Retry-After and says so, not 500")
    func diskFull() async throws {
        let (status, retryAfter, body) = try await answer(to: PostgresError(
            code: .server, message: "could not extend file \"base/1/2\": No space left on device", sqlState: "53100"))
        #expect(status == .serviceUnavailable)
        #expect(retryAfter != nil)
        #expect(body.contains("database_disk_full") && body.contains("out of disk space"))
        #expect(!body.contains("base/1/2"), "the server's message stays in the log")
    }

    @Test("other class-53 errors (out of memory, too many connections) answer 503 with Retry-After")
    func otherResources() async throws {
        for sqlState in ["53000", "53200", "53300"] {
            let (status, retryAfter, body) = try await answer(to: PostgresError(code: .server, message: "short", sqlState: sqlState))
            #expect(status == .serviceUnavailable, "\(sqlState)")
            #expect(retryAfter != nil, "\(sqlState)")
            #expect(body.contains("database_out_of_resources"), "\(sqlState)")
        }
    }
}
