import Foundation
import Postgres
import TestSupport

/// Rows for the statistics tests, inserted directly so every timestamp is chosen by the test.
extension StoreFixture {
    /// A clinic with one patient; returns (clinic, patient).
    func makeClinic(_ code: String) async throws -> (clinic: Int, patient: Int) {
        let clinic = try await pool.scalar("INSERT INTO clinics (code, name) VALUES (\(code), \(code)) RETURNING id", as: Int.self)
        let patient = try await pool.scalar("INSERT INTO patients (clinic_id, pseudonym) VALUES (\(clinic), 'P-1') RETURNING id", as: Int.self)
        return (clinic, patient)
    }

    /// A study with the given timestamps (and its own blob); nil clinic means the fixture's clinic.
    func addStudy(
        clinic: (clinic: Int, patient: Int)? = nil, receivedAt: Date, estimatedAt: Date? = nil,
        firstReadAt: Date? = nil, secondReadAt: Date? = nil
    ) async throws -> Int {
        let owner = clinic ?? (self.clinic, patient)
        var digest = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: UUID().uuid) { raw in for i in 0..<16 { digest[i] = raw[i] } }
        let blob = try await pool.scalar("INSERT INTO blobs (sha256, byte_count, data) VALUES (\(digest), 1, \([UInt8]([1]))) RETURNING id", as: Int.self)
        return try await pool.scalar("""
            INSERT INTO studies (clinic_id, patient_id, blob_id, format, received_at, estimated_at, first_read_at, second_read_at)
            VALUES (\(owner.clinic), \(owner.patient), \(blob), 'nifti', \(receivedAt), \(estimatedAt), \(firstReadAt), \(secondReadAt))
            RETURNING id
            """, as: Int.self)
    }

    func addQueueItem(study: Int, tier: Int, arrivalAt: Date, dueAt: Date, done: Bool) async throws {
        try await pool.query("""
            INSERT INTO worklist_items (study_id, tier, due_at, arrival_at, readings_required, done_at, public_id, clinic_code, status)
            SELECT \(study), \(tier), \(dueAt), \(arrivalAt), 1, \(done ? dueAt : nil), s.public_id, c.code, s.status
              FROM studies s JOIN clinics c ON c.id = s.clinic_id WHERE s.id = \(study)
            """)
    }

    @discardableResult
    func addReading(study: Int, number: Int, radiologist: Int, category: Int) async throws -> Int {
        try await pool.scalar("""
            INSERT INTO readings (study_id, reading_number, radiologist_id, category)
            VALUES (\(study), \(number), \(radiologist), \(category)) RETURNING id
            """, as: Int.self)
    }

    func addEstimate(study: Int, version: Int, category: Int?) async throws {
        try await pool.query("""
            INSERT INTO estimates (study_id, version, estimator_version, category) VALUES (\(study), \(version), 'test', \(category))
            """)
    }

    /// A discrepancy between the study's readings 1 and 2; `arbiter` adds and records reading 3.
    func addDiscrepancy(study: Int, kind: String, arbiter: (radiologist: Int, category: Int)? = nil) async throws {
        let first = try await pool.scalar("SELECT id FROM readings WHERE study_id = \(study) AND reading_number = 1", as: Int.self)
        let second = try await pool.scalar("SELECT id FROM readings WHERE study_id = \(study) AND reading_number = 2", as: Int.self)
        var arbitration: Int?
        if let arbiter {
            arbitration = try await addReading(study: study, number: 3, radiologist: arbiter.radiologist, category: arbiter.category)
        }
        try await pool.query("""
            INSERT INTO discrepancies (study_id, first_reading_id, second_reading_id, kind, arbitration_reading_id, arbitrated_at)
            VALUES (\(study), \(first), \(second), \(kind), \(arbitration), \(arbitration == nil ? nil : Date()))
            """)
    }
}
