import Foundation
import Postgres
import Store
import TestSupport
import Testing

@Suite("Job queue")
struct JobQueueTests {
    /// A migrated database with `count` studies, each with a queued estimation job.
    func withJobs(_ count: Int, _ body: (PostgresPool, JobQueue) async throws -> Void) async throws {
        try await StoreFixture.with { fixture in
            for _ in 0..<count { _ = try await fixture.makeStudy(enqueue: true) }
            try await body(fixture.pool, JobQueue(pool: fixture.pool))
        }
    }

    @Test("concurrent workers claim every job exactly once")
    func noDoubleClaims() async throws {
        try await withJobs(40) { _, queue in
            let claimed = try await withThrowingTaskGroup(of: [Int].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [Int] = []
                        while let job = try await queue.claim(owner: "w\(worker)", lease: .seconds(30)) { mine.append(job.id) }
                        return mine
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(claimed.count == 40)
            #expect(Set(claimed).count == 40)
        }
    }

    @Test("an expired lease is reaped, and the first worker's late completion is fenced off")
    func leaseExpiryAndFencing() async throws {
        try await withJobs(1) { pool, queue in
            let first = try #require(try await queue.claim(owner: "dead-worker", lease: .seconds(30)))
            #expect(try await queue.claim(owner: "other", lease: .seconds(30)) == nil)
            #expect(try await queue.reapExpiredLeases() == 0)
            // The worker stops heartbeating and its lease runs out (moved into the past, not waited for).
            try await pool.query("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = \(first.id)")
            #expect(try await queue.reapExpiredLeases() == 1)
            let second = try #require(try await queue.claim(owner: "live-worker", lease: .seconds(30)))
            #expect(second.id == first.id)
            #expect(second.attempt == first.attempt + 1)

            let lateAccepted = try await pool.withTransaction { try await JobQueue.complete(first, on: $0) }
            #expect(!lateAccepted)
            #expect(try await !queue.heartbeat(first, lease: .seconds(30)))
            #expect(try await queue.heartbeat(second, lease: .seconds(30)))
            let accepted = try await pool.withTransaction { try await JobQueue.complete(second, on: $0) }
            #expect(accepted)
            let state = try await pool.scalar("SELECT state FROM jobs WHERE id = \(first.id)", as: String.self)
            #expect(state == "done")
        }
    }

    @Test("failures retry with backoff, and permanent failures keep their reason")
    func failures() async throws {
        try await withJobs(2) { pool, queue in
            let job = try #require(try await queue.claim(owner: "w", lease: .seconds(30)))
            // Measured against the time of the failure, not of the check: a loaded machine may take over a second.
            let failedAt = try await pool.scalar("SELECT now()", as: Date.self)
            #expect(try await queue.fail(job, reason: "database hiccup", permanent: false) == .retryScheduled)
            let delayed = try await pool.scalar(
                "SELECT run_after >= \(failedAt) + interval '900 milliseconds' FROM jobs WHERE id = \(job.id)", as: Bool.self)
            #expect(delayed)
            let other = try #require(try await queue.claim(owner: "w", lease: .seconds(30)))
            #expect(other.id != job.id, "a job waiting out its backoff was claimed early")
            #expect(try await queue.fail(other, reason: "not a NIfTI file: bad magic", permanent: true) == .failedPermanently)
            #expect(try await queue.fail(other, reason: "again", permanent: true) == .fencedOff)
            let reason = try await pool.scalar("SELECT last_error FROM jobs WHERE id = \(other.id) AND state = 'failed'", as: String.self)
            #expect(reason == "not a NIfTI file: bad magic")
        }
    }

    @Test("enqueueing twice for the same study keeps one job")
    func idempotentEnqueue() async throws {
        try await withJobs(1) { pool, _ in
            let study = try await pool.scalar("SELECT study_id FROM jobs", as: Int.self)
            try await pool.withTransaction { try await JobQueue.enqueue(kind: "estimate", studyID: study, on: $0) }
            #expect(try await pool.scalar("SELECT count(*) FROM jobs", as: Int.self) == 1)
        }
    }
}
