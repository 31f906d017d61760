import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Server
import Store
import TestSupport
import Testing
import Triage

@Suite("HTTP endpoints")
struct HTTPTests {
    func app(_ pool: PostgresPool) -> some ApplicationProtocol {
        Application(router: CTriageServer.makeRouter(
            services: APIServices(pool: pool, router: TriageRouter(), accounts: Accounts(pool: pool)), registry: MetricsBootstrap.registry))
    }

    @Test("GET /health is 200 with the database up and carries a request id")
    func healthy() async throws {
        try await TestPostgres.withPool { pool in
            try await app(pool).test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("\"database\":\"ok\""))
                    #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
                }
            }
        }
    }

    @Test("GET /health is 503 with Retry-After and a JSON error when the database is unreachable")
    func unhealthy() async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: "host=/nonexistent-ctriage port=1", maxConnections: 1, checkoutTimeout: .milliseconds(200)),
            logger: TestPostgres.logger)
        try await app(pool).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(String(buffer: response.body).contains("\"code\":\"database_unavailable\""))
            }
        }
        await pool.close()
    }

    @Test("GET /metrics serves Prometheus text including request metrics")
    func metrics() async throws {
        try await TestPostgres.withPool { pool in
            try await app(pool).test(.router) { client in
                _ = try await client.execute(uri: "/health", method: .get)
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                    let text = String(buffer: response.body)
                    #expect(text.contains("# TYPE ctriage_db_pool_open_connections gauge"))
                    #expect(text.contains("hb_requests"))
                }
            }
        }
    }

    @Test("an unknown route is a JSON 404")
    func notFound() async throws {
        try await TestPostgres.withPool { pool in
            try await app(pool).test(.router) { client in
                try await client.execute(uri: "/nope?patient=P123", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("\"code\":\"not_found\""))
                }
            }
        }
    }
}
