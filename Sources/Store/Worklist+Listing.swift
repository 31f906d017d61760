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

    /// Open queue items in reading order (tier, due time, arrival): one scan of the partial index
    /// `worklist_open_order` (or `worklist_open_by_clinic`), since the row carries its own listing.
    public func list(_ filter: Filter) async throws -> [WorklistEntry] {
        try await pool.query("""
            SELECT public_id, clinic_code, tier, due_at, due_at < now(), arrival_at, status, category, category_source,
                   involvement_percent, to_jsonb(flags), emergency, readings_signed + 1,
                   claimed_by IS NOT NULL AND claim_expires_at >= now(), key_image_count
              FROM worklist_items
             WHERE done_at IS NULL
               AND (\(filter.tier)::int IS NULL OR tier = \(filter.tier))
               AND (\(filter.clinicCode)::text IS NULL OR clinic_code = \(filter.clinicCode))
               AND (\(filter.claimed)::bool IS NULL
                    OR \(filter.claimed) = (claimed_by IS NOT NULL AND claim_expires_at >= now()))
             ORDER BY tier, due_at, arrival_at
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
