import Foundation
import Postgres
import Store
import TestSupport
import Testing
import Triage

@Suite("Reading queue")
struct WorklistTests {
    func queue(_ fixture: StoreFixture) -> Worklist { Worklist(pool: fixture.pool, router: TriageRouter()) }

    func add(_ fixture: StoreFixture, study: Int, tier: PriorityTier, dueIn minutes: Double = 60, readings: Int = 1) async throws {
        try await fixture.pool.withConnection { connection in
            let listing = WorklistListing(
                publicID: UUID(), clinicCode: "MSK-01", status: "received", category: nil, categorySource: nil, involvementPercent: nil,
                flags: [], emergency: false, keyImageCount: 0)
            try await Worklist.upsert(
                studyID: study, tier: tier, dueAt: Date().addingTimeInterval(minutes * 60), arrivalAt: Date(),
                readingsRequired: readings, listing: listing, on: connection)
        }
    }

    @Test("32 radiologists claiming at once never share a study")
    func noDoubleClaims() async throws {
        try await StoreFixture.with(maxConnections: 16) { fixture in
            for _ in 0..<64 { try await add(fixture, study: try await fixture.makeStudy(), tier: .p3) }
            var radiologists: [Int] = []
            for i in 0..<32 { radiologists.append(try await fixture.makeRadiologist("rad.\(i)")) }
            let worklist = queue(fixture)
            let claims = try await withThrowingTaskGroup(of: [Int].self) { group in
                for radiologist in radiologists {
                    group.addTask {
                        var mine: [Int] = []
                        for _ in 0..<3 {
                            if let claim = try await worklist.claimNext(radiologist: radiologist, lease: .seconds(600)) {
                                mine.append(claim.studyID)
                            }
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(claims.count == 64)
            #expect(Set(claims).count == 64, "a study was claimed twice")
        }
    }

    @Test("claims follow tier, then due time")
    func order() async throws {
        try await StoreFixture.with { fixture in
            let mild = try await fixture.makeStudy(), severe = try await fixture.makeStudy(), severeLater = try await fixture.makeStudy()
            try await add(fixture, study: mild, tier: .p4, dueIn: 1)
            try await add(fixture, study: severeLater, tier: .p2, dueIn: 30)
            try await add(fixture, study: severe, tier: .p2, dueIn: 5)
            let radiologist = try await fixture.makeRadiologist("rad.a")
            var order: [Int] = []
            while let claim = try await queue(fixture).claimNext(radiologist: radiologist, lease: .seconds(60)) { order.append(claim.studyID) }
            #expect(order == [severe, severeLater, mild])
        }
    }

    @Test("the first reader can neither claim nor sign the second reading")
    func secondReaderDiffers() async throws {
        try await StoreFixture.with { fixture in
            let study = try await fixture.makeStudy()
            try await add(fixture, study: study, tier: .p2, readings: 2)
            let first = try await fixture.makeRadiologist("rad.a"), second = try await fixture.makeRadiologist("rad.b")
            let worklist = queue(fixture)
            let claim = try #require(try await worklist.claimNext(radiologist: first, lease: .seconds(60)))
            #expect(claim.readingNumber == 1)
            let signed = try await worklist.sign(token: claim.token, radiologist: first, category: .ct2, findings: "GGO both lower lobes")
            #expect(!signed.complete)
            #expect(try await worklist.claimNext(radiologist: first, lease: .seconds(60)) == nil)

            // Even holding a claim (forced here), the database refuses a second reading by the same person.
            let token = UUID()
            try await fixture.pool.query("""
                UPDATE worklist_items SET claimed_by = \(first), claim_token = \(token), claim_expires_at = now() + interval '1 minute'
                WHERE study_id = \(study)
                """)
            let error = await #expect(throws: WorklistError.self) {
                try await worklist.sign(token: token, radiologist: first, category: .ct2, findings: "")
            }
            #expect(error?.code == .alreadyRead)
            _ = try await worklist.release(token: token, radiologist: first)

            let secondClaim = try #require(try await worklist.claimNext(radiologist: second, lease: .seconds(60)))
            #expect(secondClaim.readingNumber == 2)
            let done = try await worklist.sign(token: secondClaim.token, radiologist: second, category: .ct2, findings: "")
            #expect(done.complete && done.discrepancy == .none)
            #expect(try await fixture.pool.scalar("SELECT status FROM studies WHERE id = \(study)", as: String.self) == "final")
        }
    }

    @Test("an expired lease cannot sign, and the study returns to the queue")
    func leaseExpiry() async throws {
        try await StoreFixture.with { fixture in
            try await add(fixture, study: try await fixture.makeStudy(), tier: .p3)
            let a = try await fixture.makeRadiologist("rad.a"), b = try await fixture.makeRadiologist("rad.b")
            let worklist = queue(fixture)
            let stale = try #require(try await worklist.claimNext(radiologist: a, lease: .seconds(60)))
            #expect(try await worklist.claimNext(radiologist: b, lease: .seconds(60)) == nil)
            // The lease runs out (moved into the past rather than waited for, so a loaded machine cannot race it).
            try await fixture.pool.query("UPDATE worklist_items SET claim_expires_at = now() - interval '1 second'")
            let error = await #expect(throws: WorklistError.self) {
                try await worklist.sign(token: stale.token, radiologist: a, category: .ct1, findings: "")
            }
            #expect(error?.code == .leaseInvalid)
            #expect(try await worklist.renew(token: stale.token, radiologist: a, lease: .seconds(60)) == nil)
            let fresh = try #require(try await worklist.claimNext(radiologist: b, lease: .seconds(60)))
            #expect(fresh.studyID == stale.studyID)
        }
    }

    @Test("a major discrepancy adds an arbitration by a third radiologist, whose reading completes the study")
    func arbitration() async throws {
        try await StoreFixture.with { fixture in
            let study = try await fixture.makeStudy()
            try await add(fixture, study: study, tier: .p2, readings: 2)
            let r1 = try await fixture.makeRadiologist("rad.a"), r2 = try await fixture.makeRadiologist("rad.b")
            let r3 = try await fixture.makeRadiologist("rad.c")
            let worklist = queue(fixture)
            let c1 = try #require(try await worklist.claimNext(radiologist: r1, lease: .seconds(60)))
            _ = try await worklist.sign(token: c1.token, radiologist: r1, category: .ct2, findings: "")
            let c2 = try #require(try await worklist.claimNext(radiologist: r2, lease: .seconds(60)))
            let second = try await worklist.sign(token: c2.token, radiologist: r2, category: .ct3, findings: "")
            #expect(second.discrepancy == .major)
            #expect(!second.complete)
            #expect(try await worklist.claimNext(radiologist: r1, lease: .seconds(60)) == nil)
            let c3 = try #require(try await worklist.claimNext(radiologist: r3, lease: .seconds(60)))
            #expect(c3.readingNumber == 3)
            let third = try await worklist.sign(token: c3.token, radiologist: r3, category: .ct3, findings: "")
            #expect(third.complete)
            let arbitrated = try await fixture.pool.scalar(
                "SELECT arbitration_reading_id IS NOT NULL FROM discrepancies WHERE study_id = \(study) AND kind = 'major'", as: Bool.self)
            #expect(arbitrated)
        }
    }

    @Test("a released claim returns the study to the queue")
    func release() async throws {
        try await StoreFixture.with { fixture in
            try await add(fixture, study: try await fixture.makeStudy(), tier: .p3)
            let a = try await fixture.makeRadiologist("rad.a"), b = try await fixture.makeRadiologist("rad.b")
            let worklist = queue(fixture)
            let claim = try #require(try await worklist.claimNext(radiologist: a, lease: .seconds(60)))
            #expect(try await !worklist.release(token: claim.token, radiologist: b))
            #expect(try await worklist.release(token: claim.token, radiologist: a))
            #expect(try await worklist.claimNext(radiologist: b, lease: .seconds(60))?.studyID == claim.studyID)
        }
    }
}
