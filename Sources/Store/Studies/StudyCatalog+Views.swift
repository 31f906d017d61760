import Foundation
import Postgres
import Triage

extension StudyCatalog {
    struct Loaded {
        var internalID: Int
        var view: StudyView
    }

    /// One statement for any number of studies: the study, its latest estimate, latest route and queue row.
    func views(_ ids: [Int]) async throws -> [Loaded] {
        guard !ids.isEmpty else { return [] }
        let rows = try await pool.query("""
            SELECT s.id, s.public_id, c.code, p.pseudonym, s.setting, s.status, s.failure_reason, s.acquired_at, s.received_at,
                   s.estimated_at, s.first_read_at, s.second_read_at, s.finalised_at,
                   e.version, e.category, e.involvement_percent, e.left_involvement_percent, e.right_involvement_percent,
                   e.lung_ml, e.lesion_ml, e.left_lung_ml, e.right_lung_ml, to_jsonb(e.flags), e.key_images, e.created_at,
                   r.category_source, r.category, r.severity, r.tier, r.emergency, r.decision, r.trace, r.decided_at,
                   w.tier, w.due_at, w.due_at < now() AND w.done_at IS NULL, w.readings_required, w.readings_signed,
                   w.claimed_by IS NOT NULL AND w.claim_expires_at >= now(), w.done_at IS NOT NULL
              FROM studies s
              JOIN clinics c ON c.id = s.clinic_id
              JOIN patients p ON p.id = s.patient_id
              LEFT JOIN LATERAL (SELECT * FROM estimates WHERE study_id = s.id ORDER BY version DESC LIMIT 1) e ON true
              LEFT JOIN LATERAL (SELECT * FROM routing_decisions WHERE study_id = s.id ORDER BY decided_at DESC, id DESC LIMIT 1) r ON true
              LEFT JOIN worklist_items w ON w.study_id = s.id
             WHERE s.id IN (SELECT jsonb_array_elements_text(\(PostgresJSON(ids)))::bigint)
            """)
        return try rows.map(Self.decodeView)
    }

    static func decodeView(_ row: PostgresRow) throws -> Loaded {
        let (id, publicID, clinic, patient, setting, status, failure, acquired, received) = try row.decode(
            (Int, UUID, String, String, String, String, String?, Date?, Date).self)
        var view = StudyView(
            id: publicID, clinic: clinic, patientId: patient, setting: setting, status: status, failureReason: failure,
            acquiredAt: acquired, receivedAt: received, estimatedAt: try row.decode(at: 9), firstReadAt: try row.decode(at: 10),
            secondReadAt: try row.decode(at: 11), finalisedAt: try row.decode(at: 12))
        if let version: Int = try row.decode(at: 13) {
            let category: Int? = try row.decode(at: 14)
            let images: PostgresJSON<[StoredKeyImage]> = try row.decode(at: 23)
            view.estimate = StudyView.Estimate(
                version: version, category: category.map { "CT-\($0)" }, involvementPercent: try row.decode(at: 15),
                leftInvolvementPercent: try row.decode(at: 16), rightInvolvementPercent: try row.decode(at: 17),
                lungMl: try row.decode(at: 18), lesionMl: try row.decode(at: 19), leftLungMl: try row.decode(at: 20),
                rightLungMl: try row.decode(at: 21), flags: try row.decode(PostgresJSON<[String]>.self, at: 22).value,
                keyImages: images.value.indices.map { "/api/v1/studies/\(publicID.uuidString.lowercased())/key-images/\($0)" },
                createdAt: try row.decode(at: 24))
        }
        if let source: String = try row.decode(at: 25) {
            let category: Int? = try row.decode(at: 26)
            let tier: Int = try row.decode(at: 28)
            view.route = StudyView.Route(
                categorySource: source, category: category.map { "CT-\($0)" }, severity: try row.decode(at: 27),
                tier: "P\(tier)", emergency: try row.decode(at: 29), decision: try row.decode(at: 30),
                trace: try row.decode(PostgresJSON<[String]>.self, at: 31).value, decidedAt: try row.decode(at: 32))
        }
        if let tier: Int = try row.decode(at: 33) {
            view.queue = StudyView.Queue(
                tier: "P\(tier)", dueAt: try row.decode(at: 34), overdue: try row.decode(at: 35),
                readingsRequired: try row.decode(at: 36), readingsSigned: try row.decode(at: 37), claimed: try row.decode(at: 38),
                done: try row.decode(at: 39))
        }
        return Loaded(internalID: id, view: view)
    }
}
