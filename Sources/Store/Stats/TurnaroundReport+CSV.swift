import Triage

extension TurnaroundReport {
    /// RFC 4180 CSV, one row per group, in the report's group order. Columns (also the JSON keys of `groups`):
    ///
    /// - `group` — clinic code, tier "P0"…"P5" or radiologist name (see `Group.key`)
    /// - `studies` — studies received in [from, to)
    /// - `{step}_count`, `{step}_p50_s`, `{step}_p90_s`, `{step}_p99_s` for step `estimate`, `first_reading`,
    ///   `second_reading` — studies that reached the step, and percentiles of arrival → step in seconds
    ///   (empty when none)
    /// - `sla_met`, `sla_due`, `sla_compliance` — first readings in time / studies due (see `Compliance`),
    ///   compliance empty when nothing was due
    /// - `sla_p0_met`, `sla_p0_due`, `sla_p0_compliance`, … through `sla_p5_…` — the same per current tier
    ///
    /// The queue snapshot (`backlog`, `oldest_waiting`) is not per group and appears only in the JSON.
    public func csv() -> String {
        let rows = groups.map(\.row)
        return StatsFormat.csv(header: Group.columns, rows: rows.map(\.csvFields))
    }
}

extension TurnaroundReport.Group {
    static var columns: [String] { TurnaroundReport.Group(key: "", studies: 0).row.columns }

    private init(key: String, studies: Int) {
        let none = TurnaroundReport.Latency(count: 0, p50: nil, p90: nil, p99: nil)
        self.init(key: key, studies: studies, toEstimate: none, toFirstReading: none, toSecondReading: none, sla: .init(), slaByTier: [:])
    }

    var row: ReportRow {
        var row = ReportRow([("group", .text(key)), ("studies", .integer(studies))])
        for (step, latency) in [("estimate", toEstimate), ("first_reading", toFirstReading), ("second_reading", toSecondReading)] {
            row.append("\(step)_count", .integer(latency.count))
            row.append("\(step)_p50_s", .number(latency.p50))
            row.append("\(step)_p90_s", .number(latency.p90))
            row.append("\(step)_p99_s", .number(latency.p99))
        }
        Self.append(sla, prefix: "sla", to: &row)
        for tier in PriorityTier.allCases {
            Self.append(slaByTier[tier] ?? .init(), prefix: "sla_p\(tier.rawValue)", to: &row)
        }
        return row
    }

    private static func append(_ compliance: TurnaroundReport.Compliance, prefix: String, to row: inout ReportRow) {
        row.append("\(prefix)_met", .integer(compliance.met))
        row.append("\(prefix)_due", .integer(compliance.due))
        row.append("\(prefix)_compliance", .number(compliance.share))
    }
}
