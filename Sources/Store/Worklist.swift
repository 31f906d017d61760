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

    /// Puts a study in the queue, or updates its place and listing (inside the transaction that created or
    /// re-routed it).
    public static func upsert(
        studyID: Int, tier: PriorityTier, dueAt: Date, arrivalAt: Date, readingsRequired: Int, listing: WorklistListing,
        on connection: PostgresConnection
    ) async throws {
        try await connection.query("""
            INSERT INTO worklist_items (study_id, tier, due_at, arrival_at, readings_required, public_id, clinic_code, status,
                                        category, category_source, involvement_percent, flags, emergency, key_image_count)
            VALUES (\(studyID), \(tier.rawValue), \(dueAt), \(arrivalAt), \(readingsRequired), \(listing.publicID), \(listing.clinicCode),
                    \(listing.status), \(listing.category), \(listing.categorySource), \(listing.involvementPercent),
                    ARRAY(SELECT jsonb_array_elements_text(\(PostgresJSON(listing.flags)))), \(listing.emergency), \(listing.keyImageCount))
            ON CONFLICT (study_id) DO UPDATE
               SET tier = EXCLUDED.tier, due_at = EXCLUDED.due_at,
                   readings_required = greatest(worklist_items.readings_required, EXCLUDED.readings_required),
                   status = EXCLUDED.status, category = EXCLUDED.category, category_source = EXCLUDED.category_source,
                   involvement_percent = EXCLUDED.involvement_percent, flags = EXCLUDED.flags, emergency = EXCLUDED.emergency,
                   key_image_count = EXCLUDED.key_image_count
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
            , claimed AS (
                UPDATE worklist_items w
                   SET claimed_by = \(radiologist), claim_token = gen_random_uuid(),
                       claim_expires_at = now() + \(lease.seconds) * interval '1 second'
                  FROM candidate
                 WHERE w.study_id = candidate.study_id
                RETURNING w.study_id, (SELECT public_id FROM studies WHERE id = w.study_id) AS public_id,
                          w.readings_signed + 1 AS reading_number, w.claim_token, w.claim_expires_at)
            , audit AS (
                INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, after)
                SELECT \(radiologist), 'radiologist', 'worklist.claim', 'study', study_id::text,
                       jsonb_build_object('reading_number', reading_number, 'expires_at', claim_expires_at)
                  FROM claimed)
            SELECT study_id, public_id, reading_number, claim_token, claim_expires_at FROM claimed
            """)
        guard let row = rows.first else { return nil }
        let (study, publicID, number, token, expires) = try row.decode((Int, UUID, Int, UUID, Date).self)
        return WorklistClaim(studyID: study, publicID: publicID, readingNumber: number, token: token, expiresAt: expires)
    }

    /// Extends a live claim; nil when it is no longer this radiologist's.
    public func renew(token: UUID, radiologist: Int, lease: Duration) async throws -> Date? {
        try await pool.query("""
            WITH renewed AS (
                UPDATE worklist_items SET claim_expires_at = now() + \(lease.seconds) * interval '1 second'
                 WHERE claim_token = \(token) AND claimed_by = \(radiologist) AND claim_expires_at >= now()
                RETURNING study_id, claim_expires_at)
            , audit AS (
                INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, after)
                SELECT \(radiologist), 'radiologist', 'worklist.renew', 'study', study_id::text,
                       jsonb_build_object('expires_at', claim_expires_at)
                  FROM renewed)
            SELECT claim_expires_at FROM renewed
            """).first?.decode(Date.self, at: 0)
    }

    /// Gives a claimed study back to the queue; false when the claim was not this radiologist's.
    public func release(token: UUID, radiologist: Int) async throws -> Bool {
        try await pool.query("""
            WITH released AS (
                UPDATE worklist_items SET claimed_by = NULL, claim_token = NULL, claim_expires_at = NULL
                 WHERE claim_token = \(token) AND claimed_by = \(radiologist)
                RETURNING study_id)
            , audit AS (
                INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id)
                SELECT \(radiologist), 'radiologist', 'worklist.release', 'study', study_id::text FROM released)
            SELECT count(*) FROM released
            """).first?.decode(Int.self, at: 0) == 1
    }
}
