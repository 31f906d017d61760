import Foundation
import Postgres

extension Worklist {
    public struct Filter: Sendable {
        public var tier: Int?
        public var clinicCode: String?
        /// nil: all open items; true: only claimed; false: only unclaimed.
        public var claimed: Bool?
        public var limit: Int
        public var offset: Int

        public init(tier: Int? = nil, clinicCode: String? = nil, claimed: Bool? = nil, limit: Int = 50, offset: Int = 0) {
            self.tier = tier
            self.clinicCode = clinicCode
            self.claimed = claimed
            self.limit = limit
            self.offset = offset
        }
    }

    /// Open queue items in reading order (tier, due time, arrival), served by the partial index
    /// `worklist_open_order`; the estimate and route come from one lateral lookup each.
    public func list(_ filter: Filter) async throws -> [WorklistEntry] {
        try await pool.query("""
            SELECT s.public_id, c.code, w.tier, w.due_at, w.due_at < now(), w.arrival_at, s.status,
                   r.category, r.category_source, e.involvement_percent, coalesce(to_jsonb(e.flags), '[]'::jsonb),
                   coalesce(r.emergency, false), w.readings_signed + 1,
                   w.claimed_by IS NOT NULL AND w.claim_expires_at >= now(), jsonb_array_length(coalesce(e.key_images, '[]'::jsonb))
              FROM worklist_items w
              JOIN studies s ON s.id = w.study_id
              JOIN clinics c ON c.id = s.clinic_id
              LEFT JOIN LATERAL (SELECT involvement_percent, flags, key_images FROM estimates
                                  WHERE study_id = w.study_id ORDER BY version DESC LIMIT 1) e ON true
              LEFT JOIN LATERAL (SELECT category, category_source, emergency FROM routing_decisions
                                  WHERE study_id = w.study_id ORDER BY decided_at DESC, id DESC LIMIT 1) r ON true
             WHERE w.done_at IS NULL
               AND (\(filter.tier)::int IS NULL OR w.tier = \(filter.tier))
               AND (\(filter.clinicCode)::text IS NULL OR c.code = \(filter.clinicCode))
               AND (\(filter.claimed)::bool IS NULL
                    OR \(filter.claimed) = (w.claimed_by IS NOT NULL AND w.claim_expires_at >= now()))
             ORDER BY w.tier, w.due_at, w.arrival_at
             LIMIT \(filter.limit) OFFSET \(filter.offset)
            """).map { row in
            let (id, clinic, tier, due, overdue, arrival, status, category, source) = try row.decode(
                (UUID, String, Int, Date, Bool, Date, String, Int?, String?).self)
            let images: Int = try row.decode(at: 14)
            return WorklistEntry(
                studyId: id, clinic: clinic, tier: "P\(tier)", dueAt: due, overdue: overdue, arrivalAt: arrival, status: status,
                category: category.map { "CT-\($0)" }, categorySource: source, involvementPercent: try row.decode(at: 9),
                flags: try row.decode(PostgresJSON<[String]>.self, at: 10).value, emergency: try row.decode(at: 11),
                readingNumberNeeded: try row.decode(at: 12), claimed: try row.decode(at: 13),
                keyImageUrl: images > 0 ? "/api/v1/studies/\(id.uuidString.lowercased())/key-images/0" : nil)
        }
    }
}
