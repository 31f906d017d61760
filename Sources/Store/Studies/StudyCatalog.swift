import Foundation
import Postgres

/// Read access to studies for the API, always within what the asking user may see: clinic staff only their
/// own clinic's studies (another clinic's study is indistinguishable from a missing one).
public struct StudyCatalog: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    /// The internal id and clinic of a study the principal may access, or nil.
    public func locate(_ publicID: UUID, for principal: Principal) async throws -> (id: Int, clinic: Int)? {
        guard let row = try await pool.query("SELECT id, clinic_id FROM studies WHERE public_id = \(publicID)").first else { return nil }
        let (id, clinic) = try row.decode((Int, Int).self)
        return principal.mayAccess(clinic: clinic) ? (id, clinic) : nil
    }

    public func study(_ publicID: UUID, for principal: Principal) async throws -> StudyView? {
        guard let (id, _) = try await locate(publicID, for: principal) else { return nil }
        return try await views([id]).first?.view
    }

    /// A study by its internal id, for callers that already hold it legitimately (a radiologist's claim).
    public func study(internalID: Int) async throws -> StudyView? {
        try await views([internalID]).first?.view
    }

    /// Studies received in [from, to), newest first; clinic staff see their clinic's only.
    public func studies(from: Date, to: Date, clinicCode: String?, limit: Int, for principal: Principal) async throws -> [StudyView] {
        let ids = try await pool.query("""
            SELECT s.id FROM studies s JOIN clinics c ON c.id = s.clinic_id
             WHERE s.received_at >= \(from) AND s.received_at < \(to)
               AND (\(clinicCode)::text IS NULL OR c.code = \(clinicCode))
               AND (\(principal.role == .clinicStaff) = false OR s.clinic_id = \(principal.clinicID))
             ORDER BY s.received_at DESC LIMIT \(limit)
            """).map { try $0.decode(Int.self, at: 0) }
        let views = try await views(ids)
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return views.sorted { order[$0.internalID, default: 0] < order[$1.internalID, default: 0] }.map(\.view)
    }
}
