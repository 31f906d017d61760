import EmbeddedPostgres
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

@Suite("API: database outage")
struct DatabaseOutageTests {
    @Test("while PostgreSQL is down the API answers 503 with Retry-After, and recovers without a restart; nothing acknowledged is lost")
    func outage() async throws {
        let cluster = try await TestPostgres.startThrowawayCluster(name: "outage")
        defer { try? FileManager.default.removeItem(at: cluster.options.dataDirectory.deletingLastPathComponent()) }
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: cluster.connectionString(), maxConnections: 4, checkoutTimeout: .milliseconds(800)),
            logger: TestPostgres.logger)
        try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: APIFixture.migrations))
        let accounts = Accounts(pool: pool, bcryptCost: 4)
        try await accounts.addClinic(code: "MSK-01", name: "CT centre 1", actor: .system("test"))
        let staff = try await accounts.addUser(name: "staff1", role: .clinicStaff, clinicCode: "MSK-01", password: nil, actor: .system("test")).token
        let services = APIServices(pool: pool, router: TriageRouter(), accounts: accounts)
        let app = Application(router: CTriageServer.makeRouter(services: services, registry: MetricsBootstrap.registry))
        try await app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(staff)", .contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"]
            let before = try await client.execute(
                uri: "/api/v1/studies", method: .post, headers: auth,
                body: APIFixture.multipart(fields: [("patient_id", "P-1"), ("clinic", "MSK-01")], file: try APIFixture.studyBytes(seed: 60)))
            #expect(before.status == .created)
            let acknowledged = try APIFixture.json(before)["id"] as? String

            await cluster.stop(immediate: true)
            for uri in ["/health", "/api/v1/studies"] {
                let down = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(staff)"])
                #expect(down.status == .serviceUnavailable, "\(uri)")
                #expect(down.headers[.retryAfter] != nil, "\(uri)")
                #expect(String(buffer: down.body).contains("database_unavailable"), "\(uri)")
            }

            try await cluster.start()
            var recovered: HTTPResponse.Status = .serviceUnavailable
            let deadline = ContinuousClock.now.advanced(by: .seconds(30))
            while recovered != .ok && ContinuousClock.now < deadline {
                recovered = try await client.execute(uri: "/api/v1/studies", method: .get, headers: [.authorization: "Bearer \(staff)"]).status
                if recovered != .ok { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(recovered == .ok)
            let list = try APIFixture.jsonArray(
                try await client.execute(uri: "/api/v1/studies", method: .get, headers: [.authorization: "Bearer \(staff)"]))
            #expect(list.map { $0["id"] as? String } == [acknowledged])
        }
        await pool.close()
        await cluster.stop()
    }
}
