import Foundation
import Postgres

extension Worklist {
    /// This radiologist's live claim on a study, so a page can bind its reading form to the lease without the
    /// lease token travelling in a URL.
    public func liveClaim(studyID: Int, radiologist: Int) async throws -> WorklistClaim? {
        guard let row = try await pool.query("""
            SELECT w.study_id, s.public_id, w.readings_signed + 1, w.claim_token, w.claim_expires_at
              FROM worklist_items w JOIN studies s ON s.id = w.study_id
             WHERE w.study_id = \(studyID) AND w.claimed_by = \(radiologist) AND w.claim_expires_at >= now()
               AND w.claim_token IS NOT NULL
            """).first
        else { return nil }
        let (study, publicID, number, token, expires) = try row.decode((Int, UUID, Int, UUID, Date).self)
        return WorklistClaim(studyID: study, publicID: publicID, readingNumber: number, token: token, expiresAt: expires)
    }

    /// A value that changes whenever the queue may have changed (an audited action, a new route, an item
    /// finished), cheap enough to poll every second or two: each part is an index lookup.
    public func version() async throws -> String {
        let row = try await pool.query("""
            SELECT (SELECT coalesce(max(id), 0) FROM audit_events), (SELECT coalesce(max(id), 0) FROM routing_decisions),
                   (SELECT count(*) FROM worklist_items WHERE done_at IS NULL)
            """).first!
        let (audit, routes, open) = try row.decode((Int, Int, Int).self)
        return "\(audit)-\(routes)-\(open)"
    }
}
