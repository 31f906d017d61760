import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Every documented endpoint × every caller: roles the OpenAPI document lists get past authorization, other
/// roles get 403, nobody gets 401, and staff of another clinic get 404 for a study they do not own.
@Suite("API: authorization matrix")
struct AuthorizationMatrixTests {
    static let callers: [(name: String, user: String?, role: String?)] = [
        ("anonymous", nil, nil), ("radiologist", "rad1", "radiologist"), ("own clinic staff", "staff1", "clinic_staff"),
        ("other clinic staff", "staff2", "clinic_staff"), ("admin", "admin", "admin"),
    ]

    @Test("each endpoint answers each role as documented")
    func matrix() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 50)
            let document = try APIFixture.json(try await client.execute(uri: "/openapi.json", method: .get))
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            var checked = 0
            for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
                let path = template.replacingOccurrences(of: "{id}", with: study).replacingOccurrences(of: "{index}", with: "0")
                    .replacingOccurrences(of: "{study}", with: "1.2.826.0.1.3680043.8.498.1")
                for (method, operation) in operations.sorted(by: { $0.key < $1.key }) {
                    let roles = operation["x-roles"] as? [String] ?? []
                    for caller in Self.callers {
                        // Logging out would end the caller's session for the rest of the matrix; it is covered elsewhere.
                        if template == "/api/v1/session" && method == "delete" && caller.user != nil { continue }
                        var headers: HTTPFields = [.contentType: "application/json"]
                        if let user = caller.user { headers = fixture.auth(user, headers) }
                        let response = try await client.execute(
                            uri: path, method: HTTPRequest.Method(method.uppercased())!, headers: headers, body: ByteBuffer(string: "{}"))
                        let status = response.status.code
                        let label = "\(method.uppercased()) \(template) as \(caller.name) → \(status) \(String(buffer: response.body).prefix(160))"
                        if roles.isEmpty {
                            #expect(status != 401 && status != 403, "\(label)")
                        } else if caller.role == nil {
                            #expect(status == 401, "\(label)")
                        } else if !roles.contains(caller.role!) {
                            #expect(status == 403, "\(label)")
                        } else if caller.name == "other clinic staff" && template.contains("{id}") {
                            #expect(status == 404, "\(label)")
                        } else {
                            #expect(status != 401 && status != 403 && status < 500, "\(label)")
                        }
                        checked += 1
                    }
                }
            }
            #expect(checked > 100)
        }
    }
}
