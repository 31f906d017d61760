import Foundation
import Postgres
import Store
import TestSupport
import Testing

extension JobQueueTests {
    @Test("a transient failure (the database's, not the study's) does not use up an attempt; an ordinary one does")
    func transientFailures() async throws {
        try await withJobs(1) { pool, queue in
            try await pool.query("UPDATE jobs SET max_attempts = 1")
            let first = try #require(try await queue.claim(owner: "w", lease: .seconds(30)))
            #expect(try await queue.fail(first, reason: "disk full", permanent: false, transient: true) == .retryScheduled)
            let (state, maxAttempts, waitSeconds) = try await pool.query("""
                SELECT state, max_attempts, extract(epoch FROM run_after - now())::float8 FROM jobs WHERE id = \(first.id)
                """).first!.decode((String, Int, Double).self)
            #expect(state == "queued")
            #expect(maxAttempts == 2, "the attempt spent on the database's trouble is given back")
            #expect(waitSeconds <= 30)

            try await pool.query("UPDATE jobs SET run_after = now() WHERE id = \(first.id)")
            let second = try #require(try await queue.claim(owner: "w", lease: .seconds(30)))
            #expect(second.attempt == 2)
            #expect(try await queue.fail(second, reason: "bug", permanent: false) == .failedPermanently)
        }
    }
}
