import Foundation
import Postgres
import Triage

extension Worklist {
    public struct Signed: Sendable, Equatable {
        public var studyID: Int
        public var readingNumber: Int
        /// Set when this was a second reading that disagreed with the first.
        public var discrepancy: Discrepancy
        /// True when the study needs no further reading.
        public var complete: Bool
        /// The queue tier after signing and the time from arrival to this signature (turnaround metrics).
        public var tier: PriorityTier
        public var secondsSinceArrival: Double
    }

    /// Signs the reading bound to a live claim, in one transaction: the reading, the queue row, the study's
    /// timestamps and, for a second reading, the discrepancy with the first (a major one adds an arbitration
    /// reading to the queue).
    public func sign(
        token: UUID, radiologist: Int, category: CTCategory, findings: String, publicID expectedStudy: UUID? = nil
    ) async throws -> Signed {
        guard findings.count <= 10_000 else {
            throw WorklistError(code: .invalidFindings, message: "findings have \(findings.count) characters; the limit is 10000")
        }
        return try await pool.withTransaction { connection in
            // Study row before queue row, the order every re-routing transaction uses (see StudyRouting.lockStudy).
            if let target = try await connection.query(
                "SELECT study_id FROM worklist_items WHERE claim_token = \(token)"
            ).first?.decode(Int.self, at: 0) {
                try await StudyRouting.lockStudy(target, on: connection)
            }
            guard let item = try await connection.query("""
                SELECT study_id, readings_signed, readings_required FROM worklist_items
                 WHERE claim_token = \(token) AND claimed_by = \(radiologist) AND claim_expires_at >= now()
                   AND (\(expectedStudy)::uuid IS NULL OR public_id = \(expectedStudy))
                 FOR UPDATE
                """).first
            else {
                throw WorklistError(code: .leaseInvalid, message: "the claim has expired or is not yours; claim the study again")
            }
            let (study, signedBefore, required) = try item.decode((Int, Int, Int).self)
            let number = signedBefore + 1
            let readingID: Int
            do {
                readingID = try await connection.query("""
                    INSERT INTO readings (study_id, reading_number, radiologist_id, category, findings)
                    VALUES (\(study), \(number), \(radiologist), \(category.rawValue), \(findings))
                    RETURNING id
                    """).first!.decode(Int.self, at: 0)
            } catch let error as PostgresError where error.constraint == "readings_distinct_radiologists" {
                throw WorklistError(code: .alreadyRead, message: "you already read this study; another radiologist must read it")
            }
            var discrepancy = Discrepancy.none
            var stillRequired = required
            if number == 2 {
                let first = try await connection.query(
                    "SELECT id, category FROM readings WHERE study_id = \(study) AND reading_number = 1"
                ).first!.decode((Int, Int).self)
                discrepancy = router.discrepancy(first: CTCategory(rawValue: first.1)!, second: category)
                if discrepancy != .none {
                    try await connection.query("""
                        INSERT INTO discrepancies (study_id, first_reading_id, second_reading_id, kind)
                        VALUES (\(study), \(first.0), \(readingID), \(discrepancy.rawValue))
                        """)
                }
                if discrepancy.needsArbitration { stillRequired = 3 }
            } else if number == 3 {
                try await connection.query("""
                    UPDATE discrepancies SET arbitration_reading_id = \(readingID), arbitrated_at = now() WHERE study_id = \(study)
                    """)
            }
            // The signed category re-routes the study; a higher tier may now require a second reading.
            try await StudyRouting(router: router).recompute(studyID: study, on: connection)
            let (requiredNow, tierValue) = try await connection.query(
                "SELECT readings_required, tier FROM worklist_items WHERE study_id = \(study)"
            ).first!.decode((Int, Int).self)
            stillRequired = max(stillRequired, requiredNow)
            let complete = number >= stillRequired
            let status = complete ? "final" : (discrepancy.needsArbitration ? "arbitration" : "read")
            try await connection.query("""
                UPDATE worklist_items
                   SET readings_signed = \(number), readings_required = \(stillRequired), status = \(status),
                       claimed_by = NULL, claim_token = NULL, claim_expires_at = NULL,
                       done_at = CASE WHEN \(complete) THEN now() END
                 WHERE study_id = \(study)
                """)
            let waited = try await connection.query("""
                UPDATE studies
                   SET status = \(status),
                       first_read_at = CASE WHEN \(number) = 1 THEN now() ELSE first_read_at END,
                       second_read_at = CASE WHEN \(number) = 2 THEN now() ELSE second_read_at END,
                       finalised_at = CASE WHEN \(complete) THEN now() ELSE finalised_at END
                 WHERE id = \(study)
                RETURNING extract(epoch FROM now() - received_at)::float8
                """).first!.decode(Double.self, at: 0)
            try await connection.query("""
                INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, after)
                VALUES (\(radiologist), 'radiologist', 'reading.sign', 'study', \(String(study)),
                        jsonb_build_object('reading_number', \(number), 'category', \(category.rawValue), 'discrepancy', \(discrepancy.rawValue)::text))
                """)
            return Signed(
                studyID: study, readingNumber: number, discrepancy: discrepancy, complete: complete,
                tier: PriorityTier(rawValue: tierValue)!, secondsSinceArrival: waited)
        }
    }
}
