import Foundation
import Postgres

extension StudyCatalog {
    /// The PNG bytes of key image `index` of the study's latest estimate, or nil.
    public func keyImage(_ publicID: UUID, index: Int, for principal: Principal) async throws -> [UInt8]? {
        guard index >= 0, index < 16, let (id, _) = try await locate(publicID, for: principal) else { return nil }
        return try await pool.query("""
            SELECT b.data
              FROM (SELECT key_images FROM estimates WHERE study_id = \(id) ORDER BY version DESC LIMIT 1) e
              JOIN blobs b ON b.id = (e.key_images -> \(index)::int ->> 'blob_id')::bigint
            """).first?.decode([UInt8].self, at: 0)
    }

    /// The vitals entered for a study, newest first.
    public func vitalsHistory(studyID: Int) async throws -> [VitalsEntry] {
        try await pool.query("""
            SELECT v.entered_at, u.name, v.temperature_c, v.respiratory_rate, v.spo2_percent, v.pao2_fio2, v.shock,
                   v.multiple_organ_failure, v.respiratory_failure, v.typical_clinic
              FROM vitals v JOIN users u ON u.id = v.entered_by WHERE v.study_id = \(studyID) ORDER BY v.entered_at DESC, v.id DESC
            """).map { row in
            let (at, by, t, rr, spo2, pf, shock, organs, respiratory, typical) = try row.decode(
                (Date, String, Double?, Double?, Double?, Double?, Bool?, Bool?, Bool?, Bool?).self)
            return VitalsEntry(
                enteredAt: at, enteredBy: by, temperatureC: t, respiratoryRate: rr, spo2: spo2, pao2Fio2: pf, shock: shock,
                multipleOrganFailure: organs, respiratoryFailure: respiratory, typicalClinic: typical)
        }
    }
}
