import Foundation
import Postgres
import TestSupport

extension FaultDatabase {
    /// Every request the daemons acknowledged with a 2xx, looked for in the database: uploads by public id, vitals
    /// by their entry's values, readings by study and radiologist, claims by their audit event. Returns what is
    /// missing (empty when nothing is).
    func missingAcknowledgements(_ ledger: LoadLedger.State) async throws -> [String] {
        var missing: [String] = []
        let studies = Set(try await pool.query("SELECT public_id FROM studies").map {
            try $0.decode(UUID.self, at: 0).uuidString.lowercased()
        })
        missing += ledger.uploads.filter { !studies.contains($0) }.map { "upload \($0)" }

        let vitals = Set(try await pool.query("""
            SELECT s.public_id, v.temperature_c, v.respiratory_rate FROM vitals v JOIN studies s ON s.id = v.study_id
             WHERE v.temperature_c IS NOT NULL AND v.respiratory_rate IS NOT NULL
            """).map { row in
            let (study, temperature, rate) = try row.decode((UUID, Double, Double).self)
            return LoadLedger.Vitals(
                study: study.uuidString.lowercased(), entry: FaultClients.vitalsEntry(temperature: temperature, respiratoryRate: rate))
        })
        missing += ledger.vitals.filter { !vitals.contains($0) }.map { "vitals \($0.study) #\($0.entry)" }

        let readings = Set(try await pool.query("""
            SELECT s.public_id, u.name FROM readings r JOIN studies s ON s.id = r.study_id JOIN users u ON u.id = r.radiologist_id
            """).map { row in
            let (study, name) = try row.decode((UUID, String).self)
            return LoadLedger.Reading(study: study.uuidString.lowercased(), radiologist: name)
        })
        missing += ledger.readings.filter { !readings.contains($0) }.map { "reading of \($0.study) by \($0.radiologist)" }

        let claims = Set(try await pool.query("""
            SELECT s.public_id, u.name FROM audit_events a
              JOIN studies s ON s.id::text = a.entity_id JOIN users u ON u.id = a.actor_user_id
             WHERE a.action = 'worklist.claim'
            """).map { row in
            let (study, name) = try row.decode((UUID, String).self)
            return LoadLedger.Reading(study: study.uuidString.lowercased(), radiologist: name)
        })
        missing += ledger.claims.filter { !claims.contains(.init(study: $0.study, radiologist: $0.radiologist)) }
            .map { "claim of \($0.study) by \($0.radiologist)" }
        return missing
    }
}
