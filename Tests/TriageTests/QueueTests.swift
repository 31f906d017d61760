import Foundation
import Testing
import Triage

@Suite("§5 tiers, due times, second reading, discrepancies")
struct QueueTests {
    @Test("due_at = arrival + target(tier)", arguments: zip(PriorityTier.allCases, [10, 15, 30, 120, 180, 180]))
    func dueAt(tier: PriorityTier, minutes: Int) {
        let arrival = Date(timeIntervalSince1970: 1_800_000_000)
        let due = Fixtures.router.dueAt(arrival: arrival, tier: tier)
        #expect(due.timeIntervalSince(arrival) == TimeInterval(minutes * 60))
        #expect(!Fixtures.router.isOverdue(dueAt: due, now: due))
        #expect(Fixtures.router.isOverdue(dueAt: due, now: due.addingTimeInterval(1)))
    }

    @Test("studies not yet estimated: P3 unless vitals are more urgent", arguments: [
        (Vitals(), PriorityTier.p3), (Fixtures.normal, .p3), (Fixtures.normal(with: .respiratoryRate, 25), .p3),
        (Fixtures.normal(with: .spo2, 94), .p2), (Vitals(shock: true), .p1), (Fixtures.normal(with: .spo2, 90), .p0),
    ])
    func unestimated(vitals: Vitals, expected: PriorityTier) {
        #expect(Fixtures.router.tierBeforeEstimate(vitals: vitals) == expected)
    }

    @Test("vitals never lower the configured tier of an unestimated study")
    func unestimatedConfiguredTier() {
        var rules = RoutingRules.specDefaults
        rules.queue.unestimatedTier = .p2
        let router = TriageRouter(rules: rules)
        #expect(router.tierBeforeEstimate(vitals: Fixtures.normal(with: .respiratoryRate, 25)) == .p2)
        #expect(router.tierBeforeEstimate(vitals: Fixtures.normal) == .p2)
        #expect(router.tierBeforeEstimate(vitals: Vitals(shock: true)) == .p1)
    }

    @Test("P0–P2 are always read twice", arguments: [PriorityTier.p0, .p1, .p2])
    func alwaysSecondReading(tier: PriorityTier) {
        for index in 0..<200 {
            #expect(Fixtures.router.secondReadingRequired(tier: tier, studyKey: "study-\(index)"))
        }
    }

    @Test("P3–P5 sampling is deterministic and near the configured rate", arguments: [0.9, 0.5, 0.0, 1.0])
    func sampling(rate: Double) {
        var rules = RoutingRules.specDefaults
        rules.secondReading.coverageTarget = 0
        rules.secondReading.sampleRate = rate
        let router = TriageRouter(rules: rules)
        let keys = (0..<4000).map { "study-\($0)" }
        let first = keys.map { router.secondReadingRequired(tier: .p4, studyKey: $0) }
        let again = keys.map { router.secondReadingRequired(tier: .p4, studyKey: $0) }
        #expect(first == again)
        let share = Double(first.filter { $0 }.count) / Double(keys.count)
        #expect(abs(share - rate) < 0.03, "sampled share \(share) for rate \(rate)")
    }

    @Test("the draw for a key is stable and within [0, 1)")
    func unitValue() {
        let values = (0..<1000).map { StudySampling.unitValue(for: "\($0)") }
        #expect(values.allSatisfy { (0..<1).contains($0) })
        #expect(Set(values).count == values.count)
        #expect(StudySampling.unitValue(for: "abc") == StudySampling.unitValue(for: "abc"))
    }

    @Test("discrepancy classes", arguments: [
        (CTCategory.ct1, CTCategory.ct1, Discrepancy.none),
        (.ct0, .ct1, .minor), (.ct1, .ct2, .minor), (.ct3, .ct4, .minor),
        (.ct2, .ct3, .major),  // across the home/hospital line
        (.ct3, .ct2, .major),
        (.ct0, .ct2, .major), (.ct1, .ct3, .major), (.ct0, .ct4, .major),
    ])
    func discrepancy(first: CTCategory, second: CTCategory, expected: Discrepancy) {
        #expect(Fixtures.router.discrepancy(first: first, second: second) == expected)
        #expect(Fixtures.router.discrepancy(first: first, second: second).needsArbitration == (expected == .major))
    }
}
