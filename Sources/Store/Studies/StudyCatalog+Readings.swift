import Foundation
import Postgres

extension StudyCatalog {
    /// A signed reading, as the study page shows it once the viewer may see it (blind reading).
    public struct SignedReading: Sendable, Equatable {
        public var number: Int
        public var radiologist: String
        public var radiologistID: Int
        public var category: String
        public var findings: String
        public var signedAt: Date
    }

    /// Every signed reading of the study, in reading order.
    public func readings(studyID: Int) async throws -> [SignedReading] {
        try await pool.query("""
            SELECT r.reading_number, u.name, u.id, r.category, r.findings, r.signed_at
              FROM readings r JOIN users u ON u.id = r.radiologist_id
             WHERE r.study_id = \(studyID) ORDER BY r.reading_number
            """).map { row in
            let (number, name, userID, category, findings, signed) = try row.decode((Int, String, Int, Int, String, Date).self)
            return SignedReading(
                number: number, radiologist: name, radiologistID: userID, category: "CT-\(category)", findings: findings, signedAt: signed)
        }
    }

    /// Whether this radiologist signed a reading of the study (blind reading lifts for them).
    public func hasSigned(_ publicID: UUID, radiologist: Int) async throws -> Bool {
        try await pool.query("""
            SELECT 1 FROM readings r JOIN studies s ON s.id = r.study_id WHERE s.public_id = \(publicID) AND r.radiologist_id = \(radiologist)
            """).first != nil
    }
}
