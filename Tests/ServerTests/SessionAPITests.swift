import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("API: sessions, CSRF and OpenAPI")
struct SessionAPITests {
    @Test("password login sets an HttpOnly cookie; cookie writes need the CSRF token; logout revokes the session")
    func sessionLifecycle() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 20)
            let wrong = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: try APIFixture.jsonBody(["name": "staff1", "password": "not-the-password"]))
            #expect(wrong.status == .unauthorized)
            // Found by Schemathesis: a NUL byte in a login field was a 500.
            let nul = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: try APIFixture.jsonBody(["name": "staff1", "password": "a\u{0}b"]))
            #expect(nul.status == .unauthorized, "\(String(buffer: nul.body))")
            let nulName = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: try APIFixture.jsonBody(["name": "st\u{0}aff1\u{12}\u{c6}", "password": "x"]))
            #expect(nulName.status == .unauthorized)
            let login = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                body: try APIFixture.jsonBody(["name": "staff1", "password": "password-staff1"]))
            #expect(login.status == .ok)
            let setCookie = try #require(login.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let cookie = String(setCookie.prefix { $0 != ";" })
            let csrf = try #require(try APIFixture.json(login)["csrf_token"] as? String)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie])
            #expect(try APIFixture.json(me)["role"] as? String == "clinic_staff")
            let vitals = try APIFixture.jsonBody(["spo2": 97])
            let noToken = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put, headers: [.cookie: cookie, .contentType: "application/json"], body: vitals)
            #expect(noToken.status == .forbidden)
            let csrfHeader = HTTPField.Name("X-CSRF-Token")!
            let badToken = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put,
                headers: [.cookie: cookie, .contentType: "application/json", csrfHeader: "csrf_forged"], body: vitals)
            #expect(badToken.status == .forbidden)
            let withToken = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put,
                headers: [.cookie: cookie, .contentType: "application/json", csrfHeader: csrf], body: vitals)
            #expect(withToken.status == .ok)
            let logout = try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.cookie: cookie, csrfHeader: csrf])
            #expect(logout.status == .noContent)
            let reuse = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie])
            #expect(reuse.status == .unauthorized)
        }
    }

    @Test("admins manage clinics and users; a new user's token works at once; others get 403")
    func administration() async throws {
        try await APIFixture.with { fixture, client in
            let json: HTTPFields = [.contentType: "application/json"]
            let denied = try await client.execute(
                uri: "/api/v1/clinics", method: .post, headers: fixture.auth("rad1", json),
                body: try APIFixture.jsonBody(["code": "MSK-03", "name": "Third"]))
            #expect(denied.status == .forbidden)
            let clinic = try await client.execute(
                uri: "/api/v1/clinics", method: .post, headers: fixture.auth("admin", json),
                body: try APIFixture.jsonBody(["code": "MSK-03", "name": "Third"]))
            #expect(clinic.status == .created)
            let user = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: fixture.auth("admin", json),
                body: try APIFixture.jsonBody(["name": "staff3", "role": "clinic_staff", "clinic": "MSK-03"]))
            #expect(user.status == .created)
            let token = try #require(try APIFixture.json(user)["api_token"] as? String)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(try APIFixture.json(me)["name"] as? String == "staff3")
            let duplicate = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: fixture.auth("admin", json),
                body: try APIFixture.jsonBody(["name": "staff3", "role": "radiologist"]))
            #expect(duplicate.status == .conflict)
            // Disabling cuts the user's token at once; nobody disables themselves; an unknown name is 404.
            let disable = try await client.execute(uri: "/api/v1/users/staff3/disable", method: .post, headers: fixture.auth("admin"))
            #expect(disable.status == .noContent)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/users/admin/disable", method: .post, headers: fixture.auth("admin")).status == .unprocessableContent)
            #expect(try await client.execute(uri: "/api/v1/users/nobody/disable", method: .post, headers: fixture.auth("admin")).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/users/rad1/disable", method: .post, headers: fixture.auth("rad2")).status == .forbidden)
            let bogus = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer ctk_forged"])
            #expect(bogus.status == .unauthorized)
            let audit = try await fixture.pool.scalar(
                "SELECT count(*) FROM audit_events WHERE action IN ('clinic.add', 'user.add', 'user.disable') AND actor = 'admin'", as: Int.self)
            #expect(audit == 3)
        }
    }

    @Test("/openapi.json documents exactly the routes the server has")
    func openAPICoversRoutes() async throws {
        try await APIFixture.with { fixture, client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            let document = try APIFixture.json(response)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, methods) in paths {
                for method in methods.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let router = CTriageServer.makeRouter(services: fixture.services, registry: MetricsBootstrap.registry)
            // The HTML pages of issue #7 are not part of the JSON API the document describes.
            let pages = Set(CTriageServer.webRoutes(services: fixture.services).map { "\($0.method.rawValue) \($0.path.description)" })
            let served = Set(router.routes.filter { !pages.contains("\($0.method.rawValue) \($0.path.description)") }.map { route -> String in
                let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false).map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/")
                return "\(route.method.rawValue) \(path.hasPrefix("/") ? path : "/" + path)"
            })
            #expect(served.subtracting(documented).isEmpty, "undocumented: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        }
    }
}
