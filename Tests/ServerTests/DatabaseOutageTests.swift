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
    /// A cluster of the test's own (it gets stopped and restarted), migrated, with one clinic and its staff
    /// member's API token, and the router over it.
    static func withPrivateCluster(
        name: String, checkoutTimeout: Duration,
        _ body: @escaping @Sendable (EmbeddedCluster, PostgresPool, String, any TestClientProtocol) async throws -> Void
    ) async throws {
        let cluster = try await TestPostgres.startThrowawayCluster(name: name)
        defer { try? FileManager.default.removeItem(at: cluster.options.dataDirectory.deletingLastPathComponent()) }
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: cluster.connectionString(), maxConnections: 6, checkoutTimeout: checkoutTimeout),
            logger: TestPostgres.logger)
        try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: APIFixture.migrations))
        let accounts = Accounts(pool: pool, bcryptCost: 4)
        try await accounts.addClinic(code: "MSK-01", name: "CT centre 1", actor: .system("test"))
        let staff = try await accounts.addUser(
            name: "staff1", role: .clinicStaff, clinicCode: "MSK-01", password: nil, actor: .system("test")).token
        let services = APIServices(pool: pool, router: TriageRouter(), accounts: accounts)
        let app = Application(router: CTriageServer.makeRouter(services: services, registry: MetricsBootstrap.registry))
        try await app.test(.router) { client in try await body(cluster, pool, staff, client) }
        await pool.close()
        await cluster.stop()
    }

    @Test("while PostgreSQL is down the API answers 503 with Retry-After, and recovers without a restart; nothing acknowledged is lost")
    func outage() async throws {
        try await Self.withPrivateCluster(name: "outage", checkoutTimeout: .milliseconds(800)) { cluster, pool, staff, client in
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
    }

    @Test("PostgreSQL killed and restarted under uploads and vitals: every request answered 2xx is in the database")
    func restartUnderLoad() async throws {
        try await Self.withPrivateCluster(name: "restart-load", checkoutTimeout: .seconds(3)) { cluster, pool, staff, client in
            let upload: HTTPFields = [.authorization: "Bearer \(staff)", .contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"]
            let first = try await client.execute(
                uri: "/api/v1/studies", method: .post, headers: upload,
                body: APIFixture.multipart(fields: [("patient_id", "P-0"), ("clinic", "MSK-01")], file: try APIFixture.studyBytes(seed: 500)))
            let study = try #require(try APIFixture.json(first)["id"] as? String)
            let deadline = ContinuousClock.now.advanced(by: .seconds(8))
            let restart = RestartMark()
            let outage = Task {
                do {
                    try await Task.sleep(for: .seconds(2))
                    await cluster.stop(immediate: true)
                    try await Task.sleep(for: .seconds(2))
                    try await cluster.start()
                } catch {
                    await restart.mark()
                    throw error
                }
                await restart.mark()
            }
            // Two uploaders and two vitals writers; each records what was acknowledged.
            let outcomes = try await withThrowingTaskGroup(of: ([String], Int, Int).self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var uploaded: [String] = []
                        var vitals = 0
                        var unavailable = 0
                        var seed = UInt64(1000 + worker * 1000)
                        // Until the deadline and at least 3 s past the restart, which a loaded machine can delay.
                        while await restart.keepGoing(until: deadline, after: .seconds(3)) {
                            let response: TestResponse
                            if worker < 2 {
                                seed += 1
                                response = try await client.execute(
                                    uri: "/api/v1/studies", method: .post, headers: upload,
                                    body: APIFixture.multipart(
                                        fields: [("patient_id", "P-\(seed)"), ("clinic", "MSK-01")], file: try APIFixture.studyBytes(seed: seed)))
                                if response.status == .created, let id = try APIFixture.json(response)["id"] as? String { uploaded.append(id) }
                            } else {
                                response = try await client.execute(
                                    uri: "/api/v1/studies/\(study)/vitals", method: .put,
                                    headers: [.authorization: "Bearer \(staff)", .contentType: "application/json"],
                                    body: try APIFixture.jsonBody(["spo2": 90 + Double(worker), "temperature_c": 37.2]))
                                if response.status == .ok { vitals += 1 }
                            }
                            if response.status == .serviceUnavailable { unavailable += 1 }
                            // Paced, not flat out: the suite runs in parallel and other tests are timing-sensitive.
                            try await Task.sleep(for: .milliseconds(40))
                            #expect(response.status.code < 500 || response.status == .serviceUnavailable, "\(response.status) \(String(buffer: response.body))")
                        }
                        return (uploaded, vitals, unavailable)
                    }
                }
                return try await group.reduce(into: ([String](), 0, 0)) { $0.0 += $1.0; $0.1 += $1.1; $0.2 += $1.2 }
            }
            try await outage.value
            #expect(outcomes.2 > 0, "no request saw the outage")
            // Under a loaded test run some writers may only see 503s; what matters is that something was acknowledged
            // and that every acknowledgement holds.
            #expect(!outcomes.0.isEmpty || outcomes.1 > 0)
            let stored = Set(try await pool.query("SELECT public_id FROM studies").map { try $0.decode(UUID.self, at: 0).uuidString })
            let missing = outcomes.0.filter { !stored.contains($0.uppercased()) }
            #expect(missing.isEmpty, "acknowledged uploads missing after the restart: \(missing)")
            let vitalsRows = try await pool.scalar("SELECT count(*) FROM vitals", as: Int.self)
            #expect(vitalsRows >= outcomes.1)
        }
    }
}

/// When the restarted cluster came back, so writers keep going long enough after it to be acknowledged.
private actor RestartMark {
    private var restartedAt: ContinuousClock.Instant?

    func mark() { restartedAt = .now }

    func keepGoing(until deadline: ContinuousClock.Instant, after settle: Duration) -> Bool {
        let now = ContinuousClock.now
        guard let restartedAt else { return true }
        return now < deadline || now < restartedAt + settle
    }
}
