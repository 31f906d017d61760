import Foundation
import Postgres

extension TestPostgres {
    /// Waits (up to a minute) until `count` sessions of this database run exactly `sql`.
    public static func waitForActiveQueries(_ sql: String, count: Int, database pool: PostgresPool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline {
            let running = try await pool.scalar("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = \(sql) AND state = 'active'
                """, as: Int.self)
            if running >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
