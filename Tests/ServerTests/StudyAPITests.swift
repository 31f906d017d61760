import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Server
import TestSupport
import Testing
import Triage

@Suite("API: studies, upload and vitals")
struct StudyAPITests {
    @Test("an upload is 201 with the study; the same bytes again are 200 with the same study and no duplicate")
    func uploadAndDuplicate() async throws {
        try await APIFixture.with { fixture, client in
            let bytes = try APIFixture.studyBytes(seed: 1)
            let first = try await fixture.upload(client, bytes: bytes)
            #expect(first.status == .created)
            let created = try APIFixture.json(first)
            #expect(created["status"] as? String == "received")
            #expect(created["clinic"] as? String == "MSK-01")
            #expect((created["queue"] as? [String: Any])?["tier"] as? String == "P3")
            let again = try await fixture.upload(client, bytes: bytes)
            #expect(again.status == .ok)
            #expect(try APIFixture.json(again)["id"] as? String == created["id"] as? String)
            let count = try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self)
            #expect(count == 1)
            let jobs = try await fixture.pool.scalar("SELECT count(*) FROM jobs", as: Int.self)
            #expect(jobs == 1)
        }
    }

    @Test("bad uploads are refused with a reason and store nothing", arguments: [
        ("corrupt", 422, "invalid_volume"), ("no file", 400, "file"), ("no patient", 400, "patient_id"),
        ("bad patient", 422, "invalid_patient"), ("unknown clinic", 422, "unknown_clinic"), ("not multipart", 415, "multipart"),
    ])
    func badUploads(_ testCase: (String, Int, String)) async throws {
        try await APIFixture.with { fixture, client in
            let valid = try APIFixture.studyBytes(seed: 2)
            var fields = [("patient_id", "P-0001"), ("clinic", "MSK-01")]
            var file: [UInt8]? = valid
            var contentType = "multipart/form-data; boundary=\(APIFixture.boundary)"
            switch testCase.0 {
            case "corrupt": file = Array(valid.prefix(valid.count / 2))
            case "no file": file = nil
            case "no patient": fields.removeFirst()
            case "bad patient": fields[0].1 = "Ivanov Ivan"
            case "unknown clinic": fields[1].1 = "NOPE"
            default: contentType = "application/octet-stream"
            }
            let response = try await client.execute(
                uri: "/api/v1/studies", method: .post, headers: fixture.auth("staff1", [.contentType: contentType]),
                body: APIFixture.multipart(fields: fields, file: file))
            #expect(response.status.code == testCase.1)
            let body = String(buffer: response.body)
            #expect(body.contains(testCase.2), "\(body)")
            #expect(body.contains("\"message\""))
            let count = try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("uploads: 401 without a token, 403 for radiologists and for another clinic's staff, 413 when too large")
    func uploadPermissions() async throws {
        try await APIFixture.with { fixture, client in
            let bytes = try APIFixture.studyBytes(seed: 3)
            let anonymous = try await client.execute(
                uri: "/api/v1/studies", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(APIFixture.boundary)"],
                body: APIFixture.multipart(fields: [("patient_id", "P-1"), ("clinic", "MSK-01")], file: bytes))
            #expect(anonymous.status == .unauthorized)
            #expect(try await fixture.upload(client, as: "rad1", bytes: bytes).status == .forbidden)
            #expect(try await fixture.upload(client, as: "staff2", clinic: "MSK-01", bytes: bytes).status == .forbidden)
            let huge = [UInt8](repeating: 7, count: 5 << 20)
            let tooLarge = try await fixture.upload(client, bytes: huge)
            #expect(tooLarge.status == .contentTooLarge)
            let count = try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("clinic staff see only their clinic's studies: another clinic's study is 404 for reading and for vitals")
    func clinicIsolation() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 4)
            #expect(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("staff1")).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("staff2")).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("rad1")).status == .ok)
            let vitals = try APIFixture.jsonBody(["spo2": 90])
            let other = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put, headers: fixture.auth("staff2", [.contentType: "application/json"]), body: vitals)
            #expect(other.status == .notFound)
            let list = try await client.execute(uri: "/api/v1/studies", method: .get, headers: fixture.auth("staff2"))
            #expect(try APIFixture.jsonArray(list).isEmpty)
            let own = try await client.execute(uri: "/api/v1/studies", method: .get, headers: fixture.auth("staff1"))
            #expect(try APIFixture.jsonArray(own).count == 1)
            let entries = try await fixture.pool.scalar("SELECT count(*) FROM vitals", as: Int.self)
            #expect(entries == 0)
        }
    }

    @Test("vitals change the route and the queue tier at once; each entry is kept; out-of-range values are named")
    func vitalsChangeTier() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 5)
            try await fixture.estimate(study, category: 1, involvement: 12)
            let before = try APIFixture.json(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("staff1")))
            #expect((before["queue"] as? [String: Any])?["tier"] as? String == "P4")
            let headers = fixture.auth("staff1", [.contentType: "application/json"])
            let alarming = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put, headers: headers,
                body: try APIFixture.jsonBody(["temperature_c": 38.9, "respiratory_rate": 31, "spo2": 92]))
            #expect(alarming.status == .ok)
            let route = try APIFixture.json(alarming)
            let expected = try TriageRouter().route(TriageInput(
                category: .ct1, involvementPercent: 12, vitals: Vitals(temperature: 38.9, respiratoryRate: 31, spo2: 92),
                setting: .outpatient, priorStudy: nil))
            #expect(expected.tier < .p4)
            #expect(route["tier"] as? String == expected.tier.label)
            #expect(route["severity"] as? String == expected.severity.name)
            #expect((route["trace"] as? [String])?.isEmpty == false)
            let after = try APIFixture.jsonArray(
                try await client.execute(uri: "/api/v1/worklist", method: .get, headers: fixture.auth("rad1"))).first ?? [:]
            #expect(after["tier"] as? String == expected.tier.label)
            let invalid = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put, headers: headers, body: try APIFixture.jsonBody(["spo2": 30]))
            #expect(invalid.status == .unprocessableContent)
            #expect(String(buffer: invalid.body).contains("spo2"))
            _ = try await client.execute(
                uri: "/api/v1/studies/\(study)/vitals", method: .put, headers: headers,
                body: try APIFixture.jsonBody(["temperature_c": 36.6, "respiratory_rate": 16, "spo2": 98]))
            let history = try APIFixture.jsonArray(try await client.execute(uri: "/api/v1/studies/\(study)/vitals", method: .get, headers: headers))
            #expect(history.count == 2)
            #expect(history.first?["spo2"] as? Double == 98)
            let audit = try await fixture.pool.scalar("SELECT count(*) FROM audit_events WHERE action = 'vitals.enter'", as: Int.self)
            #expect(audit == 2)
        }
    }

    @Test("key images are served as PNG to those who may see the study, 404 past the last one")
    func keyImages() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 6)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
            try await fixture.pool.query("""
                WITH blob AS (INSERT INTO blobs (sha256, byte_count, data) VALUES (sha256(\(png)), \(png.count), \(png)) RETURNING id)
                INSERT INTO estimates (study_id, version, estimator_version, category, key_images)
                SELECT s.id, 1, 'test', 2, jsonb_build_array(jsonb_build_object('name', 'axial_3', 'blob_id', blob.id, 'width', 1, 'height', 1))
                  FROM studies s, blob WHERE s.public_id = \(UUID(uuidString: study)!)
                """)
            let image = try await client.execute(uri: "/api/v1/studies/\(study)/key-images/0", method: .get, headers: fixture.auth("rad1"))
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/png")
            #expect(Array(buffer: image.body) == png)
            #expect(try await client.execute(uri: "/api/v1/studies/\(study)/key-images/1", method: .get, headers: fixture.auth("rad1")).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/studies/\(study)/key-images/0", method: .get, headers: fixture.auth("staff2")).status == .notFound)
        }
    }
}
