import Foundation
import Postgres
import Triage

/// The radiologists' reading queue. One row per study in `worklist_items`; claims are leases taken with
/// `FOR UPDATE SKIP LOCKED`, so concurrent radiologists never get the same study, and the schema's unique
/// (study, radiologist) on `readings` keeps every reading of a study with a different radiologist.
public struct Worklist: Sendable {
    let pool: PostgresPool
    let router: TriageRouter

    public init(pool: PostgresPool, router: TriageRouter) {
        self.pool = pool
        self.router = router
    }

    /// Puts a study in the queue (inside the transaction that created or re-routed it).
    public static func upsert(
        studyID: Int, tier: PriorityTier, dueAt: Date, arrivalAt: Date, readingsRequired: Int, on connection: PostgresConnection
    ) async throws {
        try await connection.query("""
            INSERT INTO worklist_items (study_id, tier, due_at, arrival_at, readings_required)
            VALUES (\(studyID), \(tier.rawValue), \(dueAt), \(arrivalAt), \(readingsRequired))
            ON CONFLICT (study_id) DO UPDATE
               SET tier = EXCLUDED.tier, due_at = EXCLUDED.due_at,
                   readings_required = greatest(worklist_items.readings_required, EXCLUDED.readings_required)
            """)
    }

    /// Claims the most urgent study this radiologist may read (tier, then due time, then arrival), skipping
    /// studies held by others and studies they already read. Nil when there is none.
    public func claimNext(radiologist: Int, lease: Duration) async throws -> WorklistClaim? {
        let rows = try await pool.query("""
            WITH candidate AS (
                SELECT w.study_id FROM worklist_items w
                 WHERE w.done_at IS NULL
                   AND (w.claimed_by IS NULL OR w.claim_expires_at < now())
                   AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.study_id = w.study_id AND r.radiologist_id = \(radiologist))
                 ORDER BY w.tier, w.due_at, w.arrival_at
                 LIMIT 1
                 FOR UPDATE SKIP LOCKED)
            UPDATE worklist_items w
               SET claimed_by = \(radiologist), claim_token = gen_random_uuid(),
                   claim_expires_at = now() + \(lease.seconds) * interval '1 second'
              FROM candidate
             WHERE w.study_id = candidate.study_id
            RETURNING w.study_id, w.readings_signed + 1, w.claim_token, w.claim_expires_at
            """)
        guard let row = rows.first else { return nil }
        let (study, number, token, expires) = try row.decode((Int, Int, UUID, Date).self)
        return WorklistClaim(studyID: study, readingNumber: number, token: token, expiresAt: expires)
    }

    /// Extends a live claim; nil when it is no longer this radiologist's.
    public func renew(token: UUID, radiologist: Int, lease: Duration) async throws -> Date? {
        try await pool.query("""
            UPDATE worklist_items SET claim_expires_at = now() + \(lease.seconds) * interval '1 second'
             WHERE claim_token = \(token) AND claimed_by = \(radiologist) AND claim_expires_at >= now()
            RETURNING claim_expires_at
            """).first?.decode(Date.self, at: 0)
    }

    /// Gives a claimed study back to the queue; false when the claim was not this radiologist's.
    public func release(token: UUID, radiologist: Int) async throws -> Bool {
        try await pool.query("""
            UPDATE worklist_items SET claimed_by = NULL, claim_token = NULL, claim_expires_at = NULL
             WHERE claim_token = \(token) AND claimed_by = \(radiologist)
            """).affectedRows == 1
    }
}
