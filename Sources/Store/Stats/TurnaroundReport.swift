import Foundation
import Triage

/// Turnaround times of the studies received in [from, to), one group per clinic, tier or first reader, plus a
/// snapshot of the queue at `asOf`. Encodes to JSON with the same snake_case names as the CSV columns
/// (see `TurnaroundReport+CSV.swift`).
public struct TurnaroundReport: Sendable, Equatable, Encodable {
    /// Seconds from arrival (`received_at`) to a later step, over the studies that reached that step.
    /// Percentiles are `percentile_cont` (interpolated between the two nearest values), nil when `count` is 0.
    public struct Latency: Sendable, Equatable {
        public var count: Int
        public var p50: Double?
        public var p90: Double?
        public var p99: Double?

        public init(count: Int, p50: Double?, p90: Double?, p99: Double?) {
            self.count = count
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }
    }

    /// First readings signed in time (§5 targets, through the queue row's `due_at`).
    ///
    /// `due` counts the studies that could be judged at `asOf`: those already read, and those still unread
    /// whose due time has passed (an unread study not yet due is neither met nor missed). `met` counts the
    /// read ones whose first reading was signed at or before `due_at`. `due_at` is the queue row's current
    /// value: a tier change recomputes it from arrival, so a study is judged against its current tier.
    public struct Compliance: Sendable, Equatable {
        public var met: Int
        public var due: Int

        public init(met: Int = 0, due: Int = 0) {
            self.met = met
            self.due = due
        }

        /// met / due; nil when nothing was due.
        public var share: Double? { due > 0 ? Double(met) / Double(due) : nil }
    }

    public struct Group: Sendable, Equatable {
        /// Clinic code, "P0"…"P5", or radiologist name; "(not queued)" / "(unread)" for studies without one
        /// (parentheses cannot occur in codes or names, so these never collide with a real key).
        public var key: String
        public var studies: Int
        public var toEstimate: Latency
        public var toFirstReading: Latency
        public var toSecondReading: Latency
        /// Over all tiers of the group.
        public var sla: Compliance
        /// Per current tier; tiers without studies are absent.
        public var slaByTier: [PriorityTier: Compliance]

        public init(
            key: String, studies: Int, toEstimate: Latency, toFirstReading: Latency, toSecondReading: Latency,
            sla: Compliance, slaByTier: [PriorityTier: Compliance]
        ) {
            self.key = key
            self.studies = studies
            self.toEstimate = toEstimate
            self.toFirstReading = toFirstReading
            self.toSecondReading = toSecondReading
            self.sla = sla
            self.slaByTier = slaByTier
        }
    }

    /// The open queue item that arrived first.
    public struct WaitingStudy: Sendable, Equatable {
        public var publicID: UUID
        public var tier: PriorityTier
        public var arrivalAt: Date
        /// asOf − arrival.
        public var ageSeconds: Double

        public init(publicID: UUID, tier: PriorityTier, arrivalAt: Date, ageSeconds: Double) {
            self.publicID = publicID
            self.tier = tier
            self.arrivalAt = arrivalAt
            self.ageSeconds = ageSeconds
        }
    }

    public var from: Date
    public var to: Date
    /// The moment the report treats as now (due times passed, ages, backlog).
    public var asOf: Date
    public var groupBy: TurnaroundGrouping
    public var groups: [Group]
    /// Open queue items (`done_at IS NULL`) at `asOf`, whenever they arrived.
    public var backlog: Int
    public var oldestWaiting: WaitingStudy?

    public init(
        from: Date, to: Date, asOf: Date, groupBy: TurnaroundGrouping, groups: [Group], backlog: Int, oldestWaiting: WaitingStudy?
    ) {
        self.from = from
        self.to = to
        self.asOf = asOf
        self.groupBy = groupBy
        self.groups = groups
        self.backlog = backlog
        self.oldestWaiting = oldestWaiting
    }

    public func group(_ key: String) -> Group? { groups.first { $0.key == key } }

    private enum CodingKeys: String, CodingKey {
        case from, to, asOf = "as_of", groupBy = "group_by", groups, backlog, oldestWaiting = "oldest_waiting"
    }

    private enum WaitingKeys: String, CodingKey {
        case publicID = "public_id", tier, arrivalAt = "arrival_at", ageSeconds = "age_s"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(StatsFormat.date(from), forKey: .from)
        try container.encode(StatsFormat.date(to), forKey: .to)
        try container.encode(StatsFormat.date(asOf), forKey: .asOf)
        try container.encode(groupBy, forKey: .groupBy)
        try container.encode(groups.map(\.row), forKey: .groups)
        try container.encode(backlog, forKey: .backlog)
        if let oldestWaiting {
            var waiting = container.nestedContainer(keyedBy: WaitingKeys.self, forKey: .oldestWaiting)
            try waiting.encode(oldestWaiting.publicID.uuidString.lowercased(), forKey: .publicID)
            try waiting.encode(oldestWaiting.tier.label, forKey: .tier)
            try waiting.encode(StatsFormat.date(oldestWaiting.arrivalAt), forKey: .arrivalAt)
            try waiting.encode(oldestWaiting.ageSeconds, forKey: .ageSeconds)
        } else {
            try container.encodeNil(forKey: .oldestWaiting)
        }
    }
}
