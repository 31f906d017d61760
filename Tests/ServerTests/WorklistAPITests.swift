import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Server
import TestSupport
import Testing

@Suite("API: reading queue")
struct WorklistAPITests {
    func claim(_ fixture: APIFixture, _ client: some TestClientProtocol, as user: String) async throws -> [String: Any]? {
        let response = try await client.execute(uri: "/api/v1/worklist/claim", method: .post, headers: fixture.auth(user))
        if response.status == .noContent { return nil }
        #expect(response.status == .ok)
        return try APIFixture.json(response)
    }

    func sign(
        _ fixture: APIFixture, _ client: some TestClientProtocol, as user: String, claim: [String: Any], category: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/studies/\(claim["study_id"] as! String)/readings", method: .post,
            headers: fixture.auth(user, [.contentType: "application/json"]),
            body: try APIFixture.jsonBody(["lease_token": claim["lease_token"] as! String, "category": category, "findings": "GGO bilateral"]))
    }

    @Test("the worklist is ordered by tier, due time and arrival, and names what each study needs")
    func ordering() async throws {
        try await APIFixture.with { fixture, client in
            let mild = try await fixture.uploadStudy(client, seed: 10)
            try await fixture.estimate(mild, category: 1, involvement: 10)
            let severe = try await fixture.uploadStudy(client, seed: 11, clinic: "MSK-02", patient: "P-0002")
            try await fixture.estimate(severe, category: 3, involvement: 60)
            let pending = try await fixture.uploadStudy(client, seed: 12, patient: "P-0003")
            let items = try APIFixture.jsonArray(try await client.execute(uri: "/api/v1/worklist", method: .get, headers: fixture.auth("rad1")))
            #expect(items.map { $0["study_id"] as? String } == [severe, pending, mild])
            #expect(items.map { $0["tier"] as? String } == ["P2", "P3", "P4"])
            #expect(items[0]["category"] as? String == "CT-3")
            #expect(items[0]["reading_number_needed"] as? Int == 1)
            let filtered = try APIFixture.jsonArray(
                try await client.execute(uri: "/api/v1/worklist?clinic=MSK-02", method: .get, headers: fixture.auth("rad1")))
            #expect(filtered.count == 1)
            // Query values are decoded once: "%2541" is the literal "%41", not a clinic code, and is refused.
            let doubleEncoded = try await client.execute(uri: "/api/v1/worklist?clinic=MSK-0%2532", method: .get, headers: fixture.auth("rad1"))
            #expect(doubleEncoded.status == .badRequest)
            let staff = try await client.execute(uri: "/api/v1/worklist", method: .get, headers: fixture.auth("staff1"))
            #expect(staff.status == .forbidden)
            let badTier = try await client.execute(uri: "/api/v1/worklist?tier=P9", method: .get, headers: fixture.auth("rad1"))
            #expect(badTier.status == .badRequest)
        }
    }

    @Test("a second reading needs a different radiologist; a major discrepancy goes to a third for arbitration")
    func secondReadingAndArbitration() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 13)
            try await fixture.estimate(study, category: 3, involvement: 55)  // P2: every study gets a second reading
            let first = try #require(try await claim(fixture, client, as: "rad1"))
            #expect(first["reading_number"] as? Int == 1)
            let signed = try await sign(fixture, client, as: "rad1", claim: first, category: "CT-1")
            #expect(signed.status == .created)
            #expect(try APIFixture.json(signed)["complete"] as? Bool == false)
            // Blind reading: the next reader sees neither the first reader's category in the queue nor in the study.
            let queued = try APIFixture.jsonArray(try await client.execute(uri: "/api/v1/worklist", method: .get, headers: fixture.auth("rad2")))
            #expect(queued.first?["category"] == nil || queued.first?["category"] is NSNull)
            #expect(queued.first?["category_source"] as? String == "hidden_until_signed")
            let blindView = try APIFixture.json(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("rad2")))
            #expect((blindView["route"] as? [String: Any])?["category_source"] as? String == "hidden_until_signed")
            let ownView = try APIFixture.json(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("rad1")))
            #expect((ownView["route"] as? [String: Any])?["category"] as? String == "CT-1")
            let adminQueue = try APIFixture.jsonArray(try await client.execute(uri: "/api/v1/worklist", method: .get, headers: fixture.auth("admin")))
            #expect(adminQueue.first?["category"] as? String == "CT-1")
            // The first reader is never offered the second reading, and cannot sign it with someone else's lease.
            #expect(try await claim(fixture, client, as: "rad1") == nil)
            let second = try #require(try await claim(fixture, client, as: "rad2"))
            #expect(second["reading_number"] as? Int == 2)
            let forged = try await sign(fixture, client, as: "rad1", claim: second, category: "CT-1")
            #expect(forged.status == .conflict)
            let disagreeing = try await sign(fixture, client, as: "rad2", claim: second, category: "CT-4")
            #expect(try APIFixture.json(disagreeing)["discrepancy"] as? String == "major")
            #expect(try await claim(fixture, client, as: "rad1") == nil)
            #expect(try await claim(fixture, client, as: "rad2") == nil)
            let arbitration = try #require(try await claim(fixture, client, as: "rad3"))
            #expect(arbitration["reading_number"] as? Int == 3)
            let final = try await sign(fixture, client, as: "rad3", claim: arbitration, category: "CT-3")
            #expect(try APIFixture.json(final)["complete"] as? Bool == true)
            let view = try APIFixture.json(try await client.execute(uri: "/api/v1/studies/\(study)", method: .get, headers: fixture.auth("admin")))
            #expect(view["status"] as? String == "final")
            let route = view["route"] as? [String: Any]
            #expect(route?["category"] as? String == "CT-3")
            #expect(route?["category_source"] as? String == "arbitration")
        }
    }

    @Test("32 radiologists claiming at once never share a study")
    func concurrentClaims() async throws {
        try await APIFixture.with(maxConnections: 16) { fixture, client in
            for seed in 0..<40 { _ = try await fixture.uploadStudy(client, seed: 100 + UInt64(seed), patient: "P-\(seed)") }
            var tokens: [String] = []
            for index in 0..<32 {
                tokens.append(try await fixture.services.accounts.addUser(
                    name: "reader\(index)", role: .radiologist, clinicCode: nil, password: nil, actor: .system("test")).token)
            }
            let claimed = try await withThrowingTaskGroup(of: String?.self) { group in
                for token in tokens {
                    group.addTask {
                        let response = try await client.execute(
                            uri: "/api/v1/worklist/claim", method: .post, headers: [.authorization: "Bearer \(token)"])
                        return response.status == .ok ? try APIFixture.json(response)["study_id"] as? String : nil
                    }
                }
                return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(claimed.count == 32)
            #expect(Set(claimed).count == 32)
            let held = try await fixture.pool.scalar("SELECT count(*) FROM worklist_items WHERE claimed_by IS NOT NULL", as: Int.self)
            #expect(held == 32)
        }
    }

    @Test("an expired lease cannot sign and the study returns to the queue; release gives it back at once")
    func leaseExpiryAndRelease() async throws {
        try await APIFixture.with { fixture, client in
            _ = try await fixture.uploadStudy(client, seed: 14)
            let held = try #require(try await claim(fixture, client, as: "rad1"))
            try await fixture.pool.query("UPDATE worklist_items SET claim_expires_at = now() - interval '1 second'")
            let late = try await sign(fixture, client, as: "rad1", claim: held, category: "CT-2")
            #expect(late.status == .conflict)
            #expect(String(buffer: late.body).contains("lease_invalid"))
            let retaken = try #require(try await claim(fixture, client, as: "rad2"))
            #expect(retaken["study_id"] as? String == held["study_id"] as? String)
            let release = try await client.execute(
                uri: "/api/v1/worklist/release", method: .post, headers: fixture.auth("rad2", [.contentType: "application/json"]),
                body: try APIFixture.jsonBody(["lease_token": retaken["lease_token"] as! String]))
            #expect(release.status == .noContent)
            #expect(try await claim(fixture, client, as: "rad3") != nil)
            let readings = try await fixture.pool.scalar("SELECT count(*) FROM readings", as: Int.self)
            #expect(readings == 0)
        }
    }

    @Test("a claim can be renewed by its holder only, and renewing is audited")
    func renew() async throws {
        try await APIFixture.with { fixture, client in
            _ = try await fixture.uploadStudy(client, seed: 15)
            let held = try #require(try await claim(fixture, client, as: "rad1"))
            let body = try APIFixture.jsonBody(["lease_token": held["lease_token"] as! String])
            let json: HTTPFields = [.contentType: "application/json"]
            let byOther = try await client.execute(uri: "/api/v1/worklist/renew", method: .post, headers: fixture.auth("rad2", json), body: body)
            #expect(byOther.status == .conflict)
            try await fixture.pool.query("UPDATE worklist_items SET claim_expires_at = now() + interval '1 minute'")
            let renewed = try await client.execute(uri: "/api/v1/worklist/renew", method: .post, headers: fixture.auth("rad1", json), body: body)
            #expect(renewed.status == .ok)
            let remaining = try await fixture.pool.scalar(
                "SELECT extract(epoch FROM claim_expires_at - now())::float8 FROM worklist_items", as: Double.self)
            #expect(remaining > 500)
            let audits = try await fixture.pool.scalar("SELECT count(*) FROM audit_events WHERE action = 'worklist.renew'", as: Int.self)
            #expect(audits == 1)
        }
    }
}
