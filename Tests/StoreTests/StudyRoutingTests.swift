import Foundation
import Postgres
import Store
import TestSupport
import Testing
import Triage

@Suite("Routing recomputed from the database")
struct StudyRoutingTests {
    let routing = StudyRouting(router: TriageRouter())

    func recompute(_ fixture: StoreFixture, _ study: Int) async throws -> StudyRouting.Outcome {
        try await fixture.pool.withTransaction { try await routing.recompute(studyID: study, on: $0) }
    }

    func addEstimate(_ fixture: StoreFixture, _ study: Int, category: Int, involvement: Double, version: Int = 1) async throws {
        try await fixture.pool.query("""
            INSERT INTO estimates (study_id, version, estimator_version, category, involvement_percent)
            VALUES (\(study), \(version), 'test', \(category), \(involvement))
            """)
    }

    func addVitals(_ fixture: StoreFixture, _ study: Int, by user: Int, temperature: Double, rr: Double, spo2: Double) async throws {
        try await fixture.pool.query("""
            INSERT INTO vitals (study_id, entered_by, temperature_c, respiratory_rate, spo2_percent)
            VALUES (\(study), \(user), \(temperature), \(rr), \(spo2))
            """)
    }

    func queueTier(_ fixture: StoreFixture, _ study: Int) async throws -> Int {
        try await fixture.pool.scalar("SELECT tier FROM worklist_items WHERE study_id = \(study)", as: Int.self)
    }

    @Test("not estimated → P3; estimate → its tier; emergency vitals → P0; a reading replaces the estimate")
    func lifecycle() async throws {
        try await StoreFixture.with { fixture in
            let study = try await fixture.makeStudy()
            let staff = try await fixture.makeRadiologist("rad.a")
            var outcome = try await recompute(fixture, study)
            #expect(outcome.tier == .p3 && outcome.decision == nil)
            #expect(try await queueTier(fixture, study) == 3)

            try await addEstimate(fixture, study, category: 1, involvement: 12)
            outcome = try await recompute(fixture, study)
            #expect(outcome.tier == .p4)
            #expect(outcome.decision?.severity == .mild)
            #expect(try await queueTier(fixture, study) == 4)

            try await addVitals(fixture, study, by: staff, temperature: 37.2, rr: 24, spo2: 91)
            outcome = try await recompute(fixture, study)
            #expect(outcome.tier == .p0)
            #expect(outcome.decision?.emergency == true)
            #expect(try await queueTier(fixture, study) == 0)

            try await fixture.pool.query("INSERT INTO readings (study_id, reading_number, radiologist_id, category) VALUES (\(study), 1, \(staff), 4)")
            outcome = try await recompute(fixture, study)
            #expect(outcome.decision?.severity == .critical)
            let sources = try await fixture.pool.query("SELECT category_source FROM routing_decisions WHERE study_id = \(study) ORDER BY id")
                .map { try $0.decode(String.self, at: 0) }
            #expect(sources == ["estimate", "estimate", "reading"])
        }
    }

    @Test("progression: +50 % involvement within 48 h with respiratory impairment routes at least severe")
    func progression() async throws {
        try await StoreFixture.with { fixture in
            let earlier = try await fixture.makeStudy(), later = try await fixture.makeStudy()
            let staff = try await fixture.makeRadiologist("desk")
            try await fixture.pool.query("UPDATE studies SET received_at = now() - interval '24 hours' WHERE id = \(earlier)")
            try await addEstimate(fixture, earlier, category: 1, involvement: 10)
            try await addEstimate(fixture, later, category: 1, involvement: 20)
            try await addVitals(fixture, later, by: staff, temperature: 37.0, rr: 22, spo2: 97)
            let outcome = try await recompute(fixture, later)
            #expect(outcome.decision?.progressionApplied == true)
            #expect(outcome.decision?.severity == .severe)
            #expect(outcome.tier == .p2)
        }
    }
}
