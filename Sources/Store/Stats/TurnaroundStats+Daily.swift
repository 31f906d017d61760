import Foundation
import Postgres

extension TurnaroundStats {
    /// Arrival → first reading percentiles of the studies received on one UTC day.
    public struct Day: Sendable, Equatable {
        public var day: Date
        public var read: Int
        public var p50: Double?
        public var p90: Double?

        public init(day: Date, read: Int, p50: Double?, p90: Double?) {
            self.day = day
            self.read = read
            self.p50 = p50
            self.p90 = p90
        }
    }

    /// One entry per UTC day of the `days` days ending with the day of `until` (days without readings have
    /// `read` 0 and no percentiles), oldest first: the dashboard's line chart over time.
    public func daily(days: Int, until: Date) async throws -> [Day] {
        try await pool.query("""
            WITH d AS (
                SELECT generate_series(date_trunc('day', \(until)::timestamptz AT TIME ZONE 'UTC') - (\(days - 1)) * interval '1 day',
                                       date_trunc('day', \(until)::timestamptz AT TIME ZONE 'UTC'), interval '1 day') AS day)
            SELECT (d.day AT TIME ZONE 'UTC'), count(s.first_read_at),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_read_at - s.received_at)),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.first_read_at - s.received_at))
              FROM d
              LEFT JOIN studies s ON s.received_at >= (d.day AT TIME ZONE 'UTC') AND s.received_at < ((d.day + interval '1 day') AT TIME ZONE 'UTC')
                                 AND s.first_read_at IS NOT NULL
             GROUP BY d.day ORDER BY d.day
            """).map { row in
            let (day, read, p50, p90) = try row.decode((Date, Int, Double?, Double?).self)
            return Day(day: day, read: read, p50: p50, p90: p90)
        }
    }
}
