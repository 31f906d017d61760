import Foundation
import Postgres
import Triage

/// Records a vitals entry (a new row each time, never an overwrite) and re-routes the study in the same
/// transaction, so the route and the queue position change the moment the entry is saved.
public struct VitalsRecorder: Sendable {
    let pool: PostgresPool
    let routing: StudyRouting

    public init(pool: PostgresPool, router: TriageRouter) {
        self.pool = pool
        routing = StudyRouting(router: router)
    }

    public func record(_ entry: VitalsEntry, studyID: Int, actor: Actor) async throws -> StudyRouting.Outcome {
        let vitals = entry.vitals
        try vitals.validate(against: routing.router.rules.inputRanges)
        guard vitals != Vitals() else {
            throw TriageError(code: .invalidStudy, subject: "vitals", message: "the vitals entry is empty: enter at least one value")
        }
        return try await pool.withTransaction { connection in
            // Lock order for every change that re-routes a study: the study row first, then its queue row;
            // inserting the child row first (a key-share lock) deadlocked two concurrent entries.
            try await StudyRouting.lockStudy(studyID, on: connection)
            try await connection.query("""
                INSERT INTO vitals (study_id, entered_by, temperature_c, respiratory_rate, spo2_percent, pao2_fio2, shock,
                                    multiple_organ_failure, respiratory_failure, typical_clinic)
                VALUES (\(studyID), \(actor.userID), \(vitals.temperature), \(vitals.respiratoryRate), \(vitals.spo2), \(vitals.pfRatio),
                        \(vitals.shock), \(vitals.multipleOrganFailure), \(vitals.respiratoryFailure), \(vitals.typicalClinic))
                """)
            let outcome = try await routing.recompute(studyID: studyID, on: connection)
            try await actor.audit(
                "vitals.enter", entity: "study", id: String(studyID),
                after: ["tier": outcome.tier.label, "severity": outcome.decision?.severity.name ?? "pending"], on: connection)
            return outcome
        }
    }
}
