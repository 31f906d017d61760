import Foundation
import Postgres
import Triage

/// Recomputes a study's route and queue position from what the database knows now: the most authoritative
/// category (arbitration > second reading > first reading > estimate), the latest vitals, and the patient's
/// study from the previous 48 h. Runs inside the transaction that changed any of these, so the route, its
/// history row and the queue change together.
public struct StudyRouting: Sendable {
    let router: TriageRouter

    public init(router: TriageRouter) { self.router = router }

    public struct Outcome: Sendable, Equatable {
        public var tier: PriorityTier
        public var dueAt: Date
        /// Nil while the study has no category yet (not estimated, not read).
        public var decision: RoutingDecision?
    }

    /// Takes the study row's lock; every transaction that re-routes a study takes it before touching child rows
    /// or the queue row, so concurrent vitals, estimates and readings queue up instead of deadlocking.
    public static func lockStudy(_ studyID: Int, on connection: PostgresConnection) async throws {
        try await connection.query("SELECT 1 FROM studies WHERE id = \(studyID) FOR UPDATE")
    }

    @discardableResult
    public func recompute(studyID: Int, on connection: PostgresConnection) async throws -> Outcome {
        let study = try await connection.query("""
            SELECT s.public_id, s.patient_id, s.setting, s.received_at, s.status, c.code
              FROM studies s JOIN clinics c ON c.id = s.clinic_id WHERE s.id = \(studyID) FOR UPDATE OF s
            """).first!.decode((UUID, Int, String, Date, String, String).self)
        let (publicID, patient, settingName, arrival, status, clinicCode) = study
        let category = try await currentCategory(studyID: studyID, on: connection)
        let vitals = try await latestVitals(studyID: studyID, on: connection)
        let tier: PriorityTier
        var decision: RoutingDecision?
        if let category {
            let prior = try await priorStudy(patient: patient, before: arrival, excluding: studyID, on: connection)
            let input = TriageInput(
                category: category.value, involvementPercent: category.involvement, vitals: vitals,
                setting: settingName == "inpatient" ? .inpatient : .outpatient, priorStudy: prior)
            let routed = try router.route(input)
            decision = routed
            tier = routed.tier
            try await connection.query("""
                INSERT INTO routing_decisions (study_id, category_source, category, severity, tier, emergency, decision, trace)
                VALUES (\(studyID), \(category.source), \(category.value.rawValue), \(routed.severity.name), \(routed.tier.rawValue),
                        \(routed.emergency), \(routed.decision), \(PostgresJSON(routed.trace)))
                """)
        } else {
            tier = router.tierBeforeEstimate(vitals: vitals)
        }
        let dueAt = router.dueAt(arrival: arrival, tier: tier)
        let readings = router.secondReadingRequired(tier: tier, studyKey: publicID.uuidString.lowercased()) ? 2 : 1
        let estimate = try await connection.query("""
            SELECT to_jsonb(flags), jsonb_array_length(key_images) FROM estimates WHERE study_id = \(studyID) ORDER BY version DESC LIMIT 1
            """).first?.decode((PostgresJSON<[String]>, Int).self)
        let listing = WorklistListing(
            publicID: publicID, clinicCode: clinicCode, status: status, category: category?.value.rawValue,
            categorySource: category?.source, involvementPercent: category?.involvement, flags: estimate?.0.value ?? [],
            emergency: decision?.emergency ?? false, keyImageCount: estimate?.1 ?? 0)
        try await Worklist.upsert(
            studyID: studyID, tier: tier, dueAt: dueAt, arrivalAt: arrival, readingsRequired: readings, listing: listing, on: connection)
        return Outcome(tier: tier, dueAt: dueAt, decision: decision)
    }

    struct Category {
        var value: CTCategory
        var involvement: Double?
        var source: String
    }

    func currentCategory(studyID: Int, on connection: PostgresConnection) async throws -> Category? {
        if let reading = try await connection.query("""
            SELECT category, reading_number FROM readings WHERE study_id = \(studyID) ORDER BY reading_number DESC LIMIT 1
            """).first {
            let (value, number) = try reading.decode((Int, Int).self)
            let involvement = try await latestEstimate(studyID: studyID, on: connection)?.1
            return Category(value: CTCategory(rawValue: value)!, involvement: involvement, source: number == 3 ? "arbitration" : "reading")
        }
        guard let (value, involvement) = try await latestEstimate(studyID: studyID, on: connection), let value else { return nil }
        return Category(value: CTCategory(rawValue: value)!, involvement: involvement, source: "estimate")
    }

    func latestEstimate(studyID: Int, on connection: PostgresConnection) async throws -> (Int?, Double?)? {
        try await connection.query("""
            SELECT category, involvement_percent FROM estimates WHERE study_id = \(studyID) ORDER BY version DESC LIMIT 1
            """).first?.decode((Int?, Double?).self)
    }

    func latestVitals(studyID: Int, on connection: PostgresConnection) async throws -> Vitals {
        guard let row = try await connection.query("""
            SELECT temperature_c, respiratory_rate, spo2_percent, pao2_fio2, shock, multiple_organ_failure,
                   respiratory_failure, typical_clinic
              FROM vitals WHERE study_id = \(studyID) ORDER BY entered_at DESC, id DESC LIMIT 1
            """).first
        else { return Vitals() }
        let (t, rr, spo2, pf, shock, organs, respiratory, typical) = try row.decode(
            (Double?, Double?, Double?, Double?, Bool?, Bool?, Bool?, Bool?).self)
        return Vitals(
            temperature: t, respiratoryRate: rr, spo2: spo2, pfRatio: pf, shock: shock, multipleOrganFailure: organs,
            respiratoryFailure: respiratory, typicalClinic: typical)
    }

    /// The same patient's most recent estimated study received before this one (the progression rule looks
    /// at its involvement and age).
    func priorStudy(patient: Int, before arrival: Date, excluding studyID: Int, on connection: PostgresConnection) async throws -> PriorStudy? {
        guard let row = try await connection.query("""
            SELECT e.involvement_percent, extract(epoch FROM (\(arrival) - s.received_at)) / 3600
              FROM studies s
              JOIN LATERAL (SELECT involvement_percent FROM estimates WHERE study_id = s.id ORDER BY version DESC LIMIT 1) e ON true
             WHERE s.patient_id = \(patient) AND s.id <> \(studyID) AND s.received_at < \(arrival)
               AND e.involvement_percent IS NOT NULL
             ORDER BY s.received_at DESC LIMIT 1
            """).first
        else { return nil }
        let (involvement, hours) = try row.decode((Double, Double).self)
        return PriorStudy(involvementPercent: involvement, hoursBefore: hours)
    }
}
