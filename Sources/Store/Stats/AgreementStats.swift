import Foundation
import Postgres
import Triage

/// Agreement statistics (issue #6 item 6): estimator vs first reader vs second reader on the CT category,
/// per first reader, and second-reading coverage against the §5 target.
public struct AgreementStats: Sendable {
    let pool: PostgresPool
    /// The share of read studies that should have a second reading (§5: 90 %).
    let coverageTarget: Double

    public init(pool: PostgresPool, coverageTarget: Double = 0.90) {
        self.pool = pool
        self.coverageTarget = coverageTarget
    }

    /// Studies received in [from, to). The estimator's category is that of the study's latest estimate
    /// version; a study whose latest version has no category (the estimator gave none) has no estimator pair.
    /// All queries run in one read-only repeatable-read transaction, so the figures describe one snapshot.
    public func report(from: Date, to: Date) async throws -> AgreementReport {
        try await pool.withTransaction(isolation: .repeatableRead) { connection in
            try await connection.execute(script: "SET TRANSACTION READ ONLY")
            var estimatorVsFirst = AgreementReport.Comparison()
            var radiologists: [AgreementReport.Radiologist] = []
            var firstRead = 0
            // One row per (first reader, estimator category, reader category); per-radiologist matrices are
            // summed here rather than in SQL because kappa needs the whole matrix.
            for row in try await connection.query("""
                SELECT u.name, e.category, r.category, count(*)
                  FROM studies st
                  JOIN readings r ON r.study_id = st.id AND r.reading_number = 1
                  JOIN users u ON u.id = r.radiologist_id
                  LEFT JOIN LATERAL (SELECT category FROM estimates WHERE study_id = st.id ORDER BY version DESC LIMIT 1) e ON true
                 WHERE st.received_at >= \(from) AND st.received_at < \(to)
                 GROUP BY u.name, e.category, r.category
                 ORDER BY u.name COLLATE "C"
                """) {
                let (name, estimated, read, count) = try row.decode((String, Int?, Int, Int).self)
                if radiologists.last?.name != name {
                    radiologists.append(.init(name: name, firstReadings: 0, againstEstimator: .init()))
                }
                radiologists[radiologists.count - 1].firstReadings += count
                firstRead += count
                if let estimated {
                    radiologists[radiologists.count - 1].againstEstimator.matrix.add(row: estimated, column: read, count: count)
                    estimatorVsFirst.matrix.add(row: estimated, column: read, count: count)
                }
            }
            var firstVsSecond = AgreementReport.Comparison()
            for row in try await connection.query("""
                SELECT r1.category, r2.category, count(*)
                  FROM studies st
                  JOIN readings r1 ON r1.study_id = st.id AND r1.reading_number = 1
                  JOIN readings r2 ON r2.study_id = st.id AND r2.reading_number = 2
                 WHERE st.received_at >= \(from) AND st.received_at < \(to)
                 GROUP BY r1.category, r2.category
                """) {
                let (first, second, count) = try row.decode((Int, Int, Int).self)
                firstVsSecond.matrix.add(row: first, column: second, count: count)
            }
            let (minor, major, done, pending) = try await connection.query("""
                SELECT count(*) FILTER (WHERE d.kind = 'minor'), count(*) FILTER (WHERE d.kind = 'major'),
                       count(*) FILTER (WHERE d.arbitrated_at IS NOT NULL),
                       count(*) FILTER (WHERE d.kind = 'major' AND d.arbitrated_at IS NULL)
                  FROM discrepancies d JOIN studies st ON st.id = d.study_id
                 WHERE st.received_at >= \(from) AND st.received_at < \(to)
                """).first!.decode((Int, Int, Int, Int).self)
            return AgreementReport(
                from: from, to: to, estimatorVsFirstReader: estimatorVsFirst, firstVsSecondReader: firstVsSecond,
                radiologists: radiologists,
                // A second reading exists only after a first one (reading numbers are consecutive).
                secondReading: .init(firstRead: firstRead, secondRead: firstVsSecond.pairs, target: coverageTarget),
                discrepancies: .init(minor: minor, major: major, arbitrationsDone: done, arbitrationsPending: pending))
        }
    }
}
