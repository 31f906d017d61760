import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// The pages over the real router and database: login, CSRF on form posts, claim and sign, vitals, dashboard.
@Suite("Web pages over HTTP")
struct WebPagesHTTPTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in through the login form; returns the Cookie header and the CSRF token the pages carry.
    static func signIn(_ client: some TestClientProtocol, _ name: String) async throws -> (cookie: String, csrf: String, home: String) {
        let page = try await client.execute(uri: "/login", method: .get)
        #expect(page.status == .ok)
        let loginCookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("ctriage_login=") })
        let token = try #require(field("login_token", in: String(buffer: page.body)))
        var headers = form
        headers[.cookie] = String(loginCookie.prefix { $0 != ";" })
        let response = try await client.execute(
            uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "login_token=\(token)&name=\(name)&password=password-\(name)"))
        #expect(response.status == .seeOther)
        let cookies = response.headers[values: .setCookie].filter { !$0.contains("Max-Age=0") }.map { String($0.prefix { $0 != ";" }) }
        let csrf = try #require(cookies.first { $0.hasPrefix("ctriage_csrf=") }).dropFirst("ctriage_csrf=".count)
        return (cookies.joined(separator: "; "), String(csrf), response.headers[.location] ?? "")
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, cookie: String, _ body: String
    ) async throws -> TestResponse {
        var headers = form
        headers[.cookie] = cookie
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test("signed out, pages send you to the login form; a wrong password stays there with a message")
    func signedOut() async throws {
        try await APIFixture.with { _, client in
            let worklist = try await client.execute(uri: "/worklist", method: .get)
            #expect(worklist.status == .seeOther && worklist.headers[.location] == "/login")
            let page = try await client.execute(uri: "/login", method: .get)
            let cookie = String(try #require(page.headers[.setCookie]).prefix { $0 != ";" })
            let token = try #require(Self.field("login_token", in: String(buffer: page.body)))
            let wrong = try await Self.post(client, "/login", cookie: cookie, "login_token=\(token)&name=rad1&password=nope")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("unknown user name or wrong password"))
            let forged = try await Self.post(client, "/login", cookie: cookie, "login_token=forged&name=rad1&password=password-rad1")
            #expect(forged.status == .forbidden)
        }
    }

    @Test("each role lands on its own page")
    func landing() async throws {
        try await APIFixture.with { _, client in
            let radiologist = try await Self.signIn(client, "rad1").home
            let staff = try await Self.signIn(client, "staff1").home
            let admin = try await Self.signIn(client, "admin").home
            #expect(radiologist == "/worklist" && staff == "/clinic" && admin == "/admin")
        }
    }

    @Test("a radiologist claims with Read next (form CSRF checked), signs, and then sees the readings")
    func claimAndSign() async throws {
        try await APIFixture.with { fixture, client in
            // The JSON API writes UUIDs in upper case, the pages in lower case.
            let study = try await fixture.uploadStudy(client, seed: 71).lowercased()
            try await fixture.estimate(study, category: 3, involvement: 55)
            let rad = try await Self.signIn(client, "rad1")
            let list = try await client.execute(uri: "/worklist", method: .get, headers: [.cookie: rad.cookie])
            #expect(list.status == .ok)
            let html = String(buffer: list.body)
            #expect(html.contains("data-study=\"\(study)\"") && html.contains("Read next"))
            let rows = try await client.execute(uri: "/worklist/rows", method: .get, headers: [.cookie: rad.cookie])
            #expect(String(buffer: rows.body).contains("data-study=\"\(study)\"") && !String(buffer: rows.body).contains("<html"))

            let noToken = try await Self.post(client, "/worklist/read-next", cookie: rad.cookie, "")
            #expect(noToken.status == .forbidden)
            let claimed = try await Self.post(client, "/worklist/read-next", cookie: rad.cookie, "csrf_token=\(rad.csrf)")
            #expect(claimed.status == .seeOther && claimed.headers[.location] == "/studies/\(study)")
            let page = String(buffer: try await client.execute(uri: "/studies/\(study)", method: .get, headers: [.cookie: rad.cookie]).body)
            let lease = try #require(Self.field("lease_token", in: page))
            #expect(page.contains("id=\"reading-form\"") && page.contains("class=\"countdown\""))

            let badCategory = try await Self.post(
                client, "/studies/\(study)/reading", cookie: rad.cookie, "csrf_token=\(rad.csrf)&lease_token=\(lease)&category=CT-9")
            #expect(badCategory.status == .unprocessableContent)
            let signed = try await Self.post(
                client, "/studies/\(study)/reading", cookie: rad.cookie,
                "csrf_token=\(rad.csrf)&lease_token=\(lease)&category=CT-3&findings=bilateral+GGO")
            #expect(signed.status == .seeOther)
            let after = String(buffer: try await client.execute(uri: "/studies/\(study)?signed=1", method: .get, headers: [.cookie: rad.cookie]).body)
            #expect(after.contains("id=\"readings\"") && after.contains("bilateral GGO") && !after.contains("id=\"reading-form\""))

            // A second reader does not see the first reading before signing.
            let second = try await Self.signIn(client, "rad2")
            let blind = String(buffer: try await client.execute(uri: "/studies/\(study)", method: .get, headers: [.cookie: second.cookie]).body)
            #expect(blind.contains("id=\"blind-notice\"") && !blind.contains("bilateral GGO"))
        }
    }

    @Test("clinic staff enter vitals: the server's range message, then the new route in plain words")
    func vitals() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 72).lowercased()
            try await fixture.estimate(study, category: 1, involvement: 10)
            let staff = try await Self.signIn(client, "staff1")
            let today = String(buffer: try await client.execute(uri: "/clinic", method: .get, headers: [.cookie: staff.cookie]).body)
            #expect(today.contains("data-study=\"\(study)\""))
            let invalid = try await Self.post(client, "/clinic/studies/\(study)/vitals", cookie: staff.cookie, "csrf_token=\(staff.csrf)&spo2=150")
            #expect(invalid.status == .unprocessableContent)
            #expect(String(buffer: invalid.body).contains("outside the accepted range"))
            #expect(String(buffer: invalid.body).contains("value=\"150\""), "the form keeps what was typed")
            let saved = try await Self.post(
                client, "/clinic/studies/\(study)/vitals", cookie: staff.cookie,
                "csrf_token=\(staff.csrf)&temperature_c=39.5&respiratory_rate=32&spo2=88&respiratory_failure=yes")
            #expect(saved.status == .seeOther)
            let page = String(buffer: try await client.execute(uri: saved.headers[.location] ?? "", method: .get, headers: [.cookie: staff.cookie]).body)
            #expect(page.contains("id=\"route-words\"") && page.contains("Vitals saved"))
            #expect(page.contains("39.5 °C"))
            // Another clinic's staff cannot reach the study.
            let other = try await Self.signIn(client, "staff2")
            let hidden = try await client.execute(uri: "/clinic/studies/\(study)", method: .get, headers: [.cookie: other.cookie])
            #expect(hidden.status == .notFound)
        }
    }

    @Test("the dashboard shows three charts, the queue and the user forms; a new clinic is added")
    func dashboard() async throws {
        try await APIFixture.with { fixture, client in
            _ = try await fixture.uploadStudy(client, seed: 73)
            let admin = try await Self.signIn(client, "admin")
            let page = String(buffer: try await client.execute(uri: "/admin", method: .get, headers: [.cookie: admin.cookie]).body)
            #expect(page.components(separatedBy: "<svg class=\"chart").count - 1 == 3)
            #expect(page.contains("id=\"figure-backlog\"") && page.contains("/api/v1/stats/agreement?format=csv"))
            let added = try await Self.post(client, "/admin/clinics", cookie: admin.cookie, "csrf_token=\(admin.csrf)&code=MSK-09&name=Ninth")
            #expect(added.status == .seeOther)
            let duplicate = try await Self.post(client, "/admin/clinics", cookie: admin.cookie, "csrf_token=\(admin.csrf)&code=MSK-09&name=Again")
            #expect(duplicate.status == .conflict && String(buffer: duplicate.body).contains("already exists"))
            let user = try await Self.post(
                client, "/admin/users", cookie: admin.cookie, "csrf_token=\(admin.csrf)&name=staff9&role=clinic_staff&clinic=MSK-09&password=long-enough-1")
            #expect(user.status == .ok && String(buffer: user.body).contains("id=\"new-token\">ctk_"))
            #expect(String(buffer: user.body).contains("action=\"/admin/users/staff9/disable\""))
            let forged = try await Self.post(client, "/admin/users/staff9/disable", cookie: admin.cookie, "csrf_token=forged")
            #expect(forged.status == .forbidden)
            let disabled = try await Self.post(client, "/admin/users/staff9/disable", cookie: admin.cookie, "csrf_token=\(admin.csrf)")
            #expect(disabled.status == .seeOther)
            let after = String(buffer: try await client.execute(uri: "/admin?disabled=user", method: .get, headers: [.cookie: admin.cookie]).body)
            #expect(after.contains("staff9 <small>(disabled)</small>") && after.contains("User disabled"))
            let radiologist = try await Self.signIn(client, "rad1")
            let denied = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: radiologist.cookie])
            #expect(denied.status == .seeOther && denied.headers[.location] == "/worklist")
        }
    }
}
