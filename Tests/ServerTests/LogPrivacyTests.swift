import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Server
import Store
import Synchronization
import TestSupport
import Testing
import Triage

/// Keeps every log line (message and metadata) in memory.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])

    func handler(label: String) -> some LogHandler { Handler(log: self) }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let line = "\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
            log.lines.withLock { $0.append(line) }
        }
    }
}

@Suite("Logs carry no patient identifiers")
struct LogPrivacyTests {
    @Test("upload, duplicate, bad upload, vitals, claim and sign log study ids only, never the pseudonym")
    func noPseudonymInLogs() async throws {
        let captured = CapturedLog()
        let logger = Logger(label: "privacy") { captured.handler(label: $0) }
        try await TestPostgres.withPool(maxConnections: 6) { pool in
            try await Migrator(pool: pool, logger: logger).migrate(try Migration.load(from: APIFixture.migrations))
            let accounts = Accounts(pool: pool, bcryptCost: 4)
            try await accounts.addClinic(code: "MSK-01", name: "CT centre 1", actor: .system("test"))
            let staff = try await accounts.addUser(name: "staff1", role: .clinicStaff, clinicCode: "MSK-01", password: nil, actor: .system("t")).token
            let rad = try await accounts.addUser(name: "rad1", role: .radiologist, clinicCode: nil, password: nil, actor: .system("t")).token
            let services = APIServices(pool: pool, router: TriageRouter(), accounts: accounts)
            let app = Application(router: CTriageServer.makeRouter(services: services, registry: MetricsBootstrap.registry), logger: logger)
            let secret = "PSEUDO-SECRET-4242"
            try await app.test(.router) { client in
                let upload: HTTPFields = [.authorization: "Bearer \(staff)", .contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"]
                let bytes = try APIFixture.studyBytes(seed: 70)
                let created = try await client.execute(
                    uri: "/api/v1/studies?patient=\(secret)", method: .post, headers: upload,
                    body: APIFixture.multipart(fields: [("patient_id", secret), ("clinic", "MSK-01")], file: bytes))
                #expect(created.status == .created)
                let id = try #require(try APIFixture.json(created)["id"] as? String)
                _ = try await client.execute(
                    uri: "/api/v1/studies", method: .post, headers: upload,
                    body: APIFixture.multipart(fields: [("patient_id", secret), ("clinic", "MSK-01")], file: bytes))
                _ = try await client.execute(
                    uri: "/api/v1/studies", method: .post, headers: upload,
                    body: APIFixture.multipart(fields: [("patient_id", secret + " with spaces"), ("clinic", "MSK-01")], file: Array(bytes.prefix(100))))
                _ = try await client.execute(
                    uri: "/api/v1/studies/\(id)/vitals", method: .put,
                    headers: [.authorization: "Bearer \(staff)", .contentType: "application/json"],
                    body: try APIFixture.jsonBody(["spo2": 91, "temperature_c": 38.7, "respiratory_rate": 26]))
                let claim = try APIFixture.json(try await client.execute(
                    uri: "/api/v1/worklist/claim", method: .post, headers: [.authorization: "Bearer \(rad)"]))
                _ = try await client.execute(
                    uri: "/api/v1/studies/\(id)/readings", method: .post,
                    headers: [.authorization: "Bearer \(rad)", .contentType: "application/json"],
                    body: try APIFixture.jsonBody(["lease_token": claim["lease_token"] as! String, "category": "CT-2"]))
            }
        }
        let lines = captured.lines.withLock { $0 }
        #expect(lines.count > 5)
        #expect(lines.contains { $0.contains("study ingested") })
        let leaks = lines.filter { $0.contains("PSEUDO-SECRET") }
        #expect(leaks.isEmpty, "\(leaks)")
    }
}
