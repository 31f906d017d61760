import Foundation
import Postgres

extension StudyCatalog {
    /// An earlier study of the same patient, for the involvement trend on the study page.
    public struct EarlierStudy: Sendable, Equatable {
        public var publicID: UUID
        public var receivedAt: Date
        public var category: String?
        public var involvementPercent: Double?

        public init(publicID: UUID, receivedAt: Date, category: String?, involvementPercent: Double?) {
            self.publicID = publicID
            self.receivedAt = receivedAt
            self.category = category
            self.involvementPercent = involvementPercent
        }
    }

    /// The patient's studies received before this one, oldest first, with their latest estimate.
    public func earlierStudies(of publicID: UUID, for principal: Principal, limit: Int = 20) async throws -> [EarlierStudy] {
        guard let (id, _) = try await locate(publicID, for: principal) else { return [] }
        return try await pool.query("""
            SELECT s.public_id, s.received_at, e.category, e.involvement_percent
              FROM studies this
              JOIN studies s ON s.patient_id = this.patient_id AND s.received_at < this.received_at
              LEFT JOIN LATERAL (SELECT category, involvement_percent FROM estimates
                                  WHERE study_id = s.id ORDER BY version DESC LIMIT 1) e ON true
             WHERE this.id = \(id)
             ORDER BY s.received_at DESC LIMIT \(limit)
            """).map { row in
            let (study, received, category, involvement) = try row.decode((UUID, Date, Int?, Double?).self)
            return EarlierStudy(publicID: study, receivedAt: received, category: category.map { "CT-\($0)" }, involvementPercent: involvement)
        }.reversed()
    }
}
