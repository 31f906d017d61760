import Postgres

/// Background jobs in PostgreSQL: claimed with `FOR UPDATE SKIP LOCKED` under a lease that the worker renews;
/// a reaper returns jobs whose lease expired; completion is fenced by attempt number and owner.
public struct JobQueue: Sendable {
    /// NOTIFY channel announcing new work (sent inside the enqueuing transaction, delivered on commit).
    public static let channel = "ctriage_jobs"

    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// Adds a job (idempotent per kind and study) on `connection`, normally inside the transaction that
    /// created the study, so the job exists exactly when the study does.
    public static func enqueue(kind: String, studyID: Int, on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO jobs (kind, study_id) VALUES (\(kind), \(studyID)) ON CONFLICT (kind, study_id) DO NOTHING
            """)
        try await connection.query("SELECT pg_notify(\(channel), \(kind))")
    }

    /// Claims the oldest ready job, or returns nil when none is ready.
    public func claim(owner: String, lease: Duration) async throws -> Job? {
        let rows = try await pool.query("""
            UPDATE jobs
               SET state = 'running', attempt = attempt + 1, lease_owner = \(owner),
                   lease_expires_at = now() + \(lease.seconds) * interval '1 second'
             WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= now()
                          ORDER BY run_after, id FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, kind, study_id, attempt
            """)
        guard let row = rows.first else { return nil }
        let (id, kind, studyID, attempt) = try row.decode((Int, String, Int, Int).self)
        return Job(id: id, kind: kind, studyID: studyID, attempt: attempt, owner: owner)
    }

    /// Extends the lease; false when the job is no longer this worker's (reaped and claimed again).
    public func heartbeat(_ job: Job, lease: Duration) async throws -> Bool {
        let rows = try await pool.query("""
            UPDATE jobs SET lease_expires_at = now() + \(lease.seconds) * interval '1 second'
             WHERE id = \(job.id) AND state = 'running' AND attempt = \(job.attempt) AND lease_owner = \(job.owner)
            """)
        return rows.affectedRows == 1
    }

    /// Marks the job done on `connection` (inside the transaction that stores its result). Returns false —
    /// and the caller must roll back — when the attempt was fenced off.
    public static func complete(_ job: Job, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("""
            UPDATE jobs SET state = 'done', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
             WHERE id = \(job.id) AND state = 'running' AND attempt = \(job.attempt) AND lease_owner = \(job.owner)
            """)
        return rows.affectedRows == 1
    }

    public enum FailureOutcome: Sendable, Equatable {
        case retryScheduled
        case failedPermanently
        case fencedOff
    }

    /// Records a failure: retried later with exponential backoff (1 s, 2 s, 4 s … at most 5 min), or failed for
    /// good when `permanent` (e.g. a corrupt file) or out of attempts. A `transient` failure — the database away,
    /// out of disk, a deadlock — says nothing about the study, so it does not use up an attempt (the job is allowed
    /// one more) and waits at most 30 s: an outage longer than the backoff sum must not fail every job in the queue.
    public func fail(_ job: Job, reason: String, permanent: Bool, transient: Bool = false) async throws -> FailureOutcome {
        let retryable = transient && !permanent
        let rows = try await pool.query("""
            UPDATE jobs
               SET max_attempts = max_attempts + CASE WHEN \(retryable) THEN 1 ELSE 0 END,
                   state = CASE WHEN \(permanent) OR (attempt >= max_attempts AND NOT \(retryable)) THEN 'failed' ELSE 'queued' END,
                   finished_at = CASE WHEN \(permanent) OR (attempt >= max_attempts AND NOT \(retryable)) THEN now() END,
                   run_after = now() + least(power(2, attempt - 1), CASE WHEN \(retryable) THEN 30 ELSE 300 END) * interval '1 second',
                   lease_owner = NULL, lease_expires_at = NULL, last_error = \(reason)
             WHERE id = \(job.id) AND state = 'running' AND attempt = \(job.attempt) AND lease_owner = \(job.owner)
            RETURNING state
            """)
        guard let state = try rows.first?.decode(String.self, at: 0) else { return .fencedOff }
        return state == "failed" ? .failedPermanently : .retryScheduled
    }

    /// Returns jobs whose lease ran out (their worker died or hung) to the queue, or fails them when they
    /// used up their attempts. Returns how many were reaped.
    public func reapExpiredLeases() async throws -> Int {
        let rows = try await pool.query("""
            UPDATE jobs
               SET state = CASE WHEN attempt >= max_attempts THEN 'failed' ELSE 'queued' END,
                   finished_at = CASE WHEN attempt >= max_attempts THEN now() END,
                   last_error = 'lease of worker ' || lease_owner || ' expired', run_after = now(),
                   lease_owner = NULL, lease_expires_at = NULL
             WHERE state = 'running' AND lease_expires_at < now()
            """)
        return rows.affectedRows
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
