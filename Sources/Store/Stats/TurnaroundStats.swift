import Foundation
import Postgres
import Triage

/// Turnaround statistics (issue #6 item 6): how long studies took from arrival to estimate, first and second
/// reading, whether first readings met their §5 due time, and how the queue stands now.
public struct TurnaroundStats: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Studies received in [from, to), grouped by `groupBy`; the queue snapshot is the whole queue.
    ///
    /// - Parameter asOf: the moment treated as now; nil takes the database's clock. Every query runs in one
    ///   read-only repeatable-read transaction, so all figures describe the same snapshot.
    public func report(from: Date, to: Date, groupBy: TurnaroundGrouping, asOf: Date? = nil) async throws -> TurnaroundReport {
        try await pool.withTransaction(isolation: .repeatableRead) { connection in
            try await connection.execute(script: "SET TRANSACTION READ ONLY")
            let now: Date
            if let asOf { now = asOf } else { now = try await connection.query("SELECT now()").first!.decode(Date.self, at: 0) }
            var groups = try await latencies(from: from, to: to, asOf: now, groupBy: groupBy, on: connection)
            let compliance = try await compliance(from: from, to: to, groupBy: groupBy, asOf: now, on: connection)
            for index in groups.indices {
                let byTier = compliance[groups[index].key] ?? [:]
                groups[index].slaByTier = byTier
                groups[index].sla = byTier.values.reduce(into: TurnaroundReport.Compliance()) { $0.met += $1.met; $0.due += $1.due }
            }
            let (backlog, oldest) = try await queueSnapshot(asOf: now, on: connection)
            return TurnaroundReport(from: from, to: to, asOf: now, groupBy: groupBy, groups: groups, backlog: backlog, oldestWaiting: oldest)
        }
    }

    /// The studies received in [from, to) with their group key (and `as_of` on every row), as the CTE `s`,
    /// followed by `tail`.
    private func selection(from: Date, to: Date, asOf: Date, groupBy: TurnaroundGrouping, then tail: String) -> PostgresQuery {
        let key = switch groupBy {
        case .clinic: "c.code"
        case .tier: "CASE WHEN w.tier IS NULL THEN '(not queued)' ELSE 'P' || w.tier END"
        case .radiologist: "coalesce(u.name, '(unread)')"
        }
        return """
            WITH s AS (
                SELECT \(unescaped: key) AS grp, st.received_at, st.estimated_at, st.first_read_at, st.second_read_at,
                       w.tier, w.due_at, \(asOf)::timestamptz AS as_of
                  FROM studies st
                  JOIN clinics c ON c.id = st.clinic_id
                  LEFT JOIN worklist_items w ON w.study_id = st.id
                  LEFT JOIN readings r ON r.study_id = st.id AND r.reading_number = 1
                  LEFT JOIN users u ON u.id = r.radiologist_id
                 WHERE st.received_at >= \(from) AND st.received_at < \(to))
            \(unescaped: tail)
            """
    }

    private func latencies(
        from: Date, to: Date, asOf: Date, groupBy: TurnaroundGrouping, on connection: PostgresConnection
    ) async throws -> [TurnaroundReport.Group] {
        // percentile_cont ignores the NULLs of studies that have not reached a step yet.
        func columns(_ step: String) -> String {
            let seconds = "extract(epoch FROM \(step) - received_at)::float8"
            return "count(\(step)), "
                + ["0.5", "0.9", "0.99"].map { "percentile_cont(\($0)) WITHIN GROUP (ORDER BY \(seconds))" }.joined(separator: ", ")
        }
        let tail = """
            SELECT grp, count(*), \(columns("estimated_at")), \(columns("first_read_at")), \(columns("second_read_at"))
              FROM s GROUP BY grp
             ORDER BY grp LIKE '(%', grp COLLATE "C"
            """
        return try await connection.query(selection(from: from, to: to, asOf: asOf, groupBy: groupBy, then: tail)).map { row in
            func latency(at column: Int) throws -> TurnaroundReport.Latency {
                let (count, p50, p90, p99) = try (
                    row.decode(Int.self, at: column), row.decode(Double?.self, at: column + 1),
                    row.decode(Double?.self, at: column + 2), row.decode(Double?.self, at: column + 3))
                return TurnaroundReport.Latency(count: count, p50: p50, p90: p90, p99: p99)
            }
            return TurnaroundReport.Group(
                key: try row.decode(String.self, at: 0), studies: try row.decode(Int.self, at: 1),
                toEstimate: try latency(at: 2), toFirstReading: try latency(at: 6), toSecondReading: try latency(at: 10),
                sla: .init(), slaByTier: [:])
        }
    }

    /// Per group and current tier: first readings in time, over the studies read or past due at `asOf`.
    private func compliance(
        from: Date, to: Date, groupBy: TurnaroundGrouping, asOf: Date, on connection: PostgresConnection
    ) async throws -> [String: [PriorityTier: TurnaroundReport.Compliance]] {
        let query = selection(from: from, to: to, asOf: asOf, groupBy: groupBy, then: """
            SELECT grp, tier, count(*) FILTER (WHERE first_read_at <= due_at),
                   count(*) FILTER (WHERE first_read_at IS NOT NULL OR due_at <= as_of)
              FROM s WHERE tier IS NOT NULL GROUP BY grp, tier
            """)
        var result: [String: [PriorityTier: TurnaroundReport.Compliance]] = [:]
        for row in try await connection.query(query) {
            let (group, tier, met, due) = try row.decode((String, Int, Int, Int).self)
            result[group, default: [:]][PriorityTier(rawValue: tier)!] = .init(met: met, due: due)
        }
        return result
    }

    private func queueSnapshot(asOf: Date, on connection: PostgresConnection) async throws -> (Int, TurnaroundReport.WaitingStudy?) {
        let backlog = try await connection.query("SELECT count(*) FROM worklist_items WHERE done_at IS NULL").first!.decode(Int.self, at: 0)
        let oldest = try await connection.query("""
            SELECT st.public_id, w.tier, w.arrival_at, extract(epoch FROM \(asOf) - w.arrival_at)::float8
              FROM worklist_items w JOIN studies st ON st.id = w.study_id
             WHERE w.done_at IS NULL
             ORDER BY w.arrival_at, w.study_id
             LIMIT 1
            """).first.map { row in
            let (id, tier, arrival, age) = try row.decode((UUID, Int, Date, Double).self)
            return TurnaroundReport.WaitingStudy(publicID: id, tier: PriorityTier(rawValue: tier)!, arrivalAt: arrival, ageSeconds: age)
        }
        return (backlog, oldest)
    }
}
