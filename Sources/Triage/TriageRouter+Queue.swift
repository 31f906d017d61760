import Foundation

extension TriageRouter {
    /// §5 turnaround target for a tier, in minutes.
    public func targetMinutes(for tier: PriorityTier) -> Int {
        rules.queue.targetMinutes[tier] ?? 0
    }

    /// §5: `due_at = arrival + target(tier)`; recompute whenever the tier changes.
    public func dueAt(arrival: Date, tier: PriorityTier) -> Date {
        arrival.addingTimeInterval(TimeInterval(targetMinutes(for: tier) * 60))
    }

    /// Past due studies keep their tier and are flagged overdue.
    public func isOverdue(dueAt: Date, now: Date) -> Bool {
        now > dueAt
    }

    /// §5: tier of a study the estimator has not categorised yet: the configured tier (P3), raised by
    /// urgent vitals but never lowered by them.
    public func tierBeforeEstimate(vitals: Vitals) -> PriorityTier {
        let clinical = assessVitals(vitals)
        if clinical.emergency { return .p0 }
        let fromVitals = clinical.level.map(PriorityTier.init(severity:)) ?? rules.queue.unestimatedTier
        return min(fromVitals, rules.queue.unestimatedTier)
    }

    /// §5: always for the urgent tiers; for the rest a deterministic draw per study key (e.g. the study id)
    /// at the configured sample rate, so every process decides the same for the same study.
    public func secondReadingRequired(tier: PriorityTier, studyKey: String) -> Bool {
        let reading = rules.secondReading
        if tier <= reading.alwaysThroughTier { return true }
        return StudySampling.unitValue(for: studyKey) < reading.sampleRate
    }

    /// §5: minor = one category apart; major = `majorDistance` or more apart, or across the home/hospital
    /// line (CT-0–2 vs CT-3–4 by default). A major discrepancy goes to arbitration.
    public func discrepancy(first: CTCategory, second: CTCategory) -> Discrepancy {
        let distance = abs(first.rawValue - second.rawValue)
        if distance == 0 { return .none }
        let line = rules.secondReading.hospitalFrom
        let crossesLine = (first >= line) != (second >= line)
        if distance >= rules.secondReading.majorDistance || crossesLine { return .major }
        return .minor
    }
}
