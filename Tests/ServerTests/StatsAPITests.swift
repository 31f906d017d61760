import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite("API: statistics")
struct StatsAPITests {
    @Test("admins get turnaround and agreement as JSON and CSV; other roles get 403; bad parameters are named")
    func statistics() async throws {
        try await APIFixture.with { fixture, client in
            let study = try await fixture.uploadStudy(client, seed: 30)
            try await fixture.estimate(study, category: 2, involvement: 35)
            _ = try await fixture.uploadStudy(client, seed: 31, patient: "P-0002")
            let claim = try APIFixture.json(try await client.execute(uri: "/api/v1/worklist/claim", method: .post, headers: fixture.auth("rad1")))
            let signed = try await client.execute(
                uri: "/api/v1/studies/\(claim["study_id"] as! String)/readings", method: .post,
                headers: fixture.auth("rad1", [.contentType: "application/json"]),
                body: try APIFixture.jsonBody(["lease_token": claim["lease_token"] as! String, "category": "CT-2"]))
            #expect(signed.status == .created)

            let turnaround = try await client.execute(uri: "/api/v1/stats/turnaround?group_by=clinic", method: .get, headers: fixture.auth("admin"))
            #expect(turnaround.status == .ok)
            let report = try APIFixture.json(turnaround)
            let open = try await fixture.pool.scalar("SELECT count(*) FROM worklist_items WHERE done_at IS NULL", as: Int.self)
            #expect(report["backlog"] as? Int == open)
            let groups = report["groups"] as? [[String: Any]] ?? []
            #expect(groups.first?["group"] as? String == "MSK-01")
            #expect(groups.first?["studies"] as? Int == 2)
            #expect(groups.first?["first_reading_count"] as? Int == 1)

            let csv = try await client.execute(uri: "/api/v1/stats/turnaround?format=csv", method: .get, headers: fixture.auth("admin"))
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(String(buffer: csv.body).hasPrefix("group,studies,"))

            let agreement = try APIFixture.json(try await client.execute(uri: "/api/v1/stats/agreement", method: .get, headers: fixture.auth("admin")))
            let estimatorVsFirst = agreement["estimator_vs_first_reader"] as? [String: Any]
            #expect(estimatorVsFirst?["pairs"] as? Int == 1)
            let agreementCSV = try await client.execute(uri: "/api/v1/stats/agreement?format=csv", method: .get, headers: fixture.auth("admin"))
            #expect(agreementCSV.status == .ok)

            #expect(try await client.execute(uri: "/api/v1/stats/turnaround", method: .get, headers: fixture.auth("rad1")).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/stats/agreement", method: .get, headers: fixture.auth("staff1")).status == .forbidden)
            let badGroup = try await client.execute(uri: "/api/v1/stats/turnaround?group_by=weekday", method: .get, headers: fixture.auth("admin"))
            #expect(badGroup.status == .badRequest)
            #expect(String(buffer: badGroup.body).contains("group_by"))
        }
    }
}
