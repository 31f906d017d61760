import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Testing
import VolumeIO

/// Issue #8's hostile-input cases at the HTTP edge: multipart bytes the old parser crashed on, file names that
/// try to escape, gzip bombs, and session fixation.
@Suite("API: hostile input")
struct HostileInputTests {
    @Test("a multipart header name that is not ASCII is 400 with a reason, and nothing is stored")
    func nonASCIIMultipartHeader() async throws {
        try await APIFixture.with { fixture, client in
            var body = ByteBuffer()
            body.writeString("--\(APIFixture.boundary)\r\nContent-Disposition: form-data; name=\"clinic\"\r\nX-")
            body.writeBytes([0xC3, 0xA9])
            body.writeString(": 1\r\n\r\nMSK-01\r\n--\(APIFixture.boundary)--\r\n")
            let response = try await client.execute(
                uri: "/api/v1/studies", method: .post,
                headers: fixture.auth("staff1", [.contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"]), body: body)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("header name"))
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 0)
        }
    }

    @Test("an upload's file name is never used as a path: a traversal name stores the study and writes no file")
    func pathTraversalFileName() async throws {
        let marker = "ctriage-traversal-\(UUID().uuidString)"
        let targets = ["/tmp/\(marker).nii.gz", FileManager.default.currentDirectoryPath + "/\(marker).nii.gz"]
        try await APIFixture.with { fixture, client in
            var body = ByteBuffer()
            body.writeString("--\(APIFixture.boundary)\r\nContent-Disposition: form-data; name=\"patient_id\"\r\n\r\nP-0001\r\n")
            body.writeString("--\(APIFixture.boundary)\r\nContent-Disposition: form-data; name=\"clinic\"\r\n\r\nMSK-01\r\n")
            body.writeString(
                "--\(APIFixture.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../../../../../tmp/\(marker).nii.gz\"\r\n\r\n")
            body.writeBytes(try APIFixture.studyBytes(seed: 31))
            body.writeString("\r\n--\(APIFixture.boundary)--\r\n")
            let response = try await client.execute(
                uri: "/api/v1/studies", method: .post,
                headers: fixture.auth("staff1", [.contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"]), body: body)
            #expect(response.status == .created)
        }
        for target in targets { #expect(!FileManager.default.fileExists(atPath: target), "\(target)") }
    }

    @Test("a gzip bomb is stopped at the decompression cap: 422 naming the cap, nothing stored")
    func gzipBomb() async throws {
        // A valid NIfTI-1 header declaring 2048 × 2048 × 600 int16 voxels (5 GB), then 8 MiB of zeros:
        // about 8 KB gzipped.
        var file = [UInt8](repeating: 0, count: 352)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { file.replaceSubrange(offset..<offset + $0.count, with: $0) }
        }
        put(Int32(348), at: 0)
        for (index, value) in [3, 2048, 2048, 600, 1, 1, 1, 1].enumerated() { put(Int16(value), at: 40 + 2 * index) }
        put(Int16(4), at: 70)
        put(Int16(16), at: 72)
        for index in 0..<8 { put(Float(1).bitPattern, at: 76 + 4 * index) }
        put(Float(352).bitPattern, at: 108)
        put(Float(1).bitPattern, at: 112)
        file.replaceSubrange(344..<348, with: Array("n+1\0".utf8))
        file += [UInt8](repeating: 0, count: 8 << 20)
        let bomb = try DeflateEncoder(format: .gzip, level: 9).compress(file)
        #expect(bomb.count < 64 * 1024)
        try await APIFixture.with { fixture, client in
            let response = try await fixture.upload(client, bytes: bomb)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("cap"), "\(String(buffer: response.body))")
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 0)
        }
    }

    @Test("session fixation: logging in never adopts a session the client brings; an old CSRF token does not fit a new session")
    func sessionFixation() async throws {
        try await APIFixture.with { fixture, client in
            let csrfHeader = HTTPField.Name("X-CSRF-Token")!
            func post(_ name: String, cookie: String?, csrf: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let cookie { headers[.cookie] = cookie }
                if let csrf { headers[csrfHeader] = csrf }
                return try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: headers,
                    body: try APIFixture.jsonBody(["name": name, "password": "password-\(name)"]))
            }
            func login(_ name: String, cookie: String?, csrf: String? = nil) async throws -> (cookie: String, csrf: String) {
                let response = try await post(name, cookie: cookie, csrf: csrf)
                #expect(response.status == .ok)
                let setCookie = try #require(response.headers[.setCookie])
                return (String(setCookie.prefix { $0 != ";" }), try #require(try APIFixture.json(response)["csrf_token"] as? String))
            }
            func role(_ cookie: String) async throws -> String? {
                let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie])
                return me.status == .ok ? try APIFixture.json(me)["role"] as? String : nil
            }
            let staff = try await login("staff1", cookie: nil)
            // A session planted in a victim's browser: a login carrying it is a cookie write, refused without the
            // session's CSRF token (which the attacker cannot make the victim's page send)…
            let refused = try await post("rad1", cookie: staff.cookie)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.setCookie] == nil)
            // …and even with it, the login starts a new session instead of upgrading the planted one.
            let radiologist = try await login("rad1", cookie: staff.cookie, csrf: staff.csrf)
            #expect(radiologist.cookie != staff.cookie)
            #expect(try await role(staff.cookie) == "clinic_staff")
            #expect(try await role(radiologist.cookie) == "radiologist")
            // A cookie value the server never issued is not a session, and logging in with it issues another.
            let name = String(staff.cookie.prefix { $0 != "=" })
            let planted = "\(name)=attacker-chosen-value"
            #expect(try await role(planted) == nil)
            #expect(try await login("staff1", cookie: planted).cookie != planted)
            // Logout revokes; the next session's writes need the next session's CSRF token.
            let logout = try await client.execute(
                uri: "/api/v1/session", method: .delete, headers: [.cookie: staff.cookie, csrfHeader: staff.csrf])
            #expect(logout.status == .noContent)
            #expect(try await role(staff.cookie) == nil)
            let again = try await login("staff1", cookie: nil)
            let study = try await fixture.uploadStudy(client, seed: 32)
            let stale = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put,
                headers: [.cookie: again.cookie, .contentType: "application/json", csrfHeader: staff.csrf],
                body: try APIFixture.jsonBody(["spo2": 97]))
            #expect(stale.status == .forbidden)
        }
    }
}
