import Foundation
import Postgres
import Store
import Testing
import Triage

/// The small read queries the web pages added: daily turnaround, earlier studies, readings, live claims,
/// the queue version.
@Suite("Store: queries for the web pages")
struct WebQueriesTests {
    static let day = Date(timeIntervalSince1970: 1_773_100_800)  // 2026-03-10T00:00:00Z
    static let admin = Principal(userID: 0, name: "admin", role: .admin, clinicID: nil, credential: .apiToken)

    @Test("daily turnaround: one entry per UTC day, percentiles over the studies read")
    func daily() async throws {
        try await StoreFixture.with { f in
            let yesterday = Self.day.addingTimeInterval(-86400)
            _ = try await f.addStudy(receivedAt: yesterday.addingTimeInterval(3600), firstReadAt: yesterday.addingTimeInterval(3600 + 600))
            _ = try await f.addStudy(receivedAt: yesterday.addingTimeInterval(7200), firstReadAt: yesterday.addingTimeInterval(7200 + 1800))
            _ = try await f.addStudy(receivedAt: Self.day.addingTimeInterval(60), firstReadAt: Self.day.addingTimeInterval(60 + 1200))
            _ = try await f.addStudy(receivedAt: Self.day.addingTimeInterval(120))
            let days = try await TurnaroundStats(pool: f.pool).daily(days: 3, until: Self.day.addingTimeInterval(12 * 3600))
            #expect(days.map(\.day) == [Self.day.addingTimeInterval(-2 * 86400), yesterday, Self.day])
            #expect(days.map(\.read) == [0, 2, 1])
            #expect(days[0].p50 == nil)
            #expect(days[1].p50 == 1200 && days[1].p90 == 1680)
            #expect(days[2].p50 == 1200)
        }
    }

    @Test("earlier studies of the patient, oldest first, with their latest estimate; hidden from another clinic")
    func earlierStudies() async throws {
        try await StoreFixture.with { f in
            let first = try await f.addStudy(receivedAt: Self.day)
            let second = try await f.addStudy(receivedAt: Self.day.addingTimeInterval(86400))
            let current = try await f.addStudy(receivedAt: Self.day.addingTimeInterval(2 * 86400))
            _ = try await f.addStudy(receivedAt: Self.day.addingTimeInterval(3 * 86400))  // later: not earlier
            for (study, version, involvement) in [(first, 1, 10.0), (second, 1, 20.0), (second, 2, 25.0)] {
                try await f.pool.query("""
                    INSERT INTO estimates (study_id, version, estimator_version, category, involvement_percent)
                    VALUES (\(study), \(version), 'test', 1, \(involvement))
                    """)
            }
            let publicID = try await f.pool.scalar("SELECT public_id FROM studies WHERE id = \(current)", as: UUID.self)
            let catalog = StudyCatalog(pool: f.pool)
            let earlier = try await catalog.earlierStudies(of: publicID, for: Self.admin)
            #expect(earlier.map(\.involvementPercent) == [10, 25])
            #expect(earlier.map(\.category) == ["CT-1", "CT-1"])
            let other = try await f.makeClinic("MSK-02")
            let outsider = Principal(userID: 0, name: "staff", role: .clinicStaff, clinicID: other.clinic, credential: .apiToken)
            #expect(try await catalog.earlierStudies(of: publicID, for: outsider).isEmpty)
        }
    }

    @Test("readings in order with the radiologist's name; the live claim only for its holder; the queue version moves")
    func readingsClaimsVersion() async throws {
        try await StoreFixture.with { f in
            let study = try await f.addStudy(receivedAt: Self.day)
            let one = try await f.makeRadiologist("rad1")
            let two = try await f.makeRadiologist("rad2")
            try await f.addReading(study: study, number: 1, radiologist: one, category: 2)
            let readings = try await StudyCatalog(pool: f.pool).readings(studyID: study)
            #expect(readings.map(\.radiologist) == ["rad1"] && readings.first?.category == "CT-2")

            try await f.addQueueItem(study: study, tier: 3, arrivalAt: Self.day, dueAt: Self.day.addingTimeInterval(7200), done: false)
            let worklist = Worklist(pool: f.pool, router: TriageRouter())
            let before = try await worklist.version()
            let claim = try #require(try await worklist.claimNext(radiologist: two, lease: .seconds(60)))
            let held = try await worklist.liveClaim(studyID: study, radiologist: two)
            #expect(held?.token == claim.token && held?.readingNumber == 1)
            #expect(try await worklist.liveClaim(studyID: study, radiologist: one) == nil)
            #expect(try await worklist.version() != before)
        }
    }
}
