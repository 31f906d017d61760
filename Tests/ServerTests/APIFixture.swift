import Estimator
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Server
import Store
import TestSupport
import Triage
import VolumeIO

/// A migrated database with two clinics and a user of every role, and the HTTP application over it.
struct APIFixture: Sendable {
    let pool: PostgresPool
    let services: APIServices
    /// API tokens by user name: admin, rad1…rad3, staff1 (MSK-01), staff2 (MSK-02).
    let tokens: [String: String]

    static let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Migrations")

    static func with(maxConnections: Int = 8, _ body: @escaping @Sendable (APIFixture, any TestClientProtocol) async throws -> Void) async throws {
        try await TestPostgres.withPool(maxConnections: maxConnections) { pool in
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: migrations))
            let accounts = Accounts(pool: pool, bcryptCost: 4)
            for code in ["MSK-01", "MSK-02"] { try await accounts.addClinic(code: code, name: "CT centre \(code)", actor: .system("test")) }
            var tokens: [String: String] = [:]
            let people: [(String, Role, String?)] = [
                ("admin", .admin, nil), ("rad1", .radiologist, nil), ("rad2", .radiologist, nil), ("rad3", .radiologist, nil),
                ("staff1", .clinicStaff, "MSK-01"), ("staff2", .clinicStaff, "MSK-02"),
            ]
            for (name, role, clinic) in people {
                tokens[name] = try await accounts.addUser(
                    name: name, role: role, clinicCode: clinic, password: "password-\(name)", actor: .system("test")).token
            }
            let services = APIServices(pool: pool, router: TriageRouter(), accounts: accounts, maxUploadBytes: 4 << 20)
            let fixture = APIFixture(pool: pool, services: services, tokens: tokens)
            let app = Application(router: CTriageServer.makeRouter(services: services, registry: MetricsBootstrap.registry))
            try await app.test(.router) { client in try await body(fixture, client) }
        }
    }

    func auth(_ user: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.authorization] = "Bearer \(tokens[user]!)"
        return headers
    }

    static let boundary = "ctriage-test-boundary-7f3a"

    /// A multipart/form-data body with the given text fields and an optional file.
    static func multipart(fields: [(String, String)], file: [UInt8]?) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"study.nii.gz\"\r\n")
            body.writeString("Content-Type: application/gzip\r\n\r\n")
            body.writeBytes(file)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    /// A small valid study; different seeds give different bytes.
    static func studyBytes(seed: UInt64, involvement: Double = 30) throws -> [UInt8] {
        let phantom = PhantomGenerator(seed: seed).makeCase(number: 1, .init(size: 48, slices: 8, targetInvolvementPercent: involvement))
        return try NIfTIWriter().gzippedNIfTI(phantom.volume)
    }

    /// Uploads a study as `user` and returns the response.
    func upload(
        _ client: some TestClientProtocol, as user: String = "staff1", clinic: String = "MSK-01", patient: String = "P-0001",
        bytes: [UInt8]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/studies", method: .post,
            headers: auth(user, [.contentType: "multipart/form-data; boundary=\(Self.boundary)"]),
            body: Self.multipart(fields: [("patient_id", patient), ("clinic", clinic)], file: bytes))
    }

    /// Uploads and returns the new study's public id.
    func uploadStudy(_ client: some TestClientProtocol, seed: UInt64, clinic: String = "MSK-01", patient: String = "P-0001") async throws -> String {
        let response = try await upload(client, as: clinic == "MSK-01" ? "staff1" : "staff2", clinic: clinic, patient: patient,
                                        bytes: try Self.studyBytes(seed: seed))
        guard response.status == .created, let id = try Self.json(response)["id"] as? String else {
            throw FixtureError(message: "upload failed: \(response.status) \(String(buffer: response.body))")
        }
        return id
    }

    /// Gives a study an estimate directly (the worker is tested on its own), then re-routes it.
    func estimate(_ publicID: String, category: Int, involvement: Double) async throws {
        let id = try await pool.scalar("SELECT id FROM studies WHERE public_id = \(UUID(uuidString: publicID)!)", as: Int.self)
        try await pool.withTransaction { connection in
            try await connection.query("""
                INSERT INTO estimates (study_id, version, estimator_version, category, involvement_percent)
                VALUES (\(id), 1, 'test', \(category), \(involvement))
                """)
            try await connection.query("UPDATE studies SET status = 'estimated', estimated_at = now() WHERE id = \(id)")
            try await StudyRouting(router: TriageRouter()).recompute(studyID: id, on: connection)
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    static func jsonArray(_ response: TestResponse) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]] ?? []
    }

    static func jsonBody(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
