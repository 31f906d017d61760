import Foundation
import Postgres
import Store
import TestSupport
import Testing

/// The rules the worklist schema enforces by itself, whatever the application code does.
@Suite("Worklist schema constraints")
struct WorklistSchemaTests {
    static let migrations: [Migration] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        return (try? Migration.load(from: folder)) ?? []
    }()

    /// A migrated database with one clinic, two radiologists, a patient and a study.
    func withSeededDatabase(_ body: (PostgresPool, _ study: Int, _ radiologists: (Int, Int)) async throws -> Void) async throws {
        try await TestPostgres.withPool { pool in
            try #require(!Self.migrations.isEmpty)
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(Self.migrations)
            let clinic = try await pool.scalar("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1') RETURNING id", as: Int.self)
            let first = try await pool.scalar("INSERT INTO users (name, role) VALUES ('rad.a', 'radiologist') RETURNING id", as: Int.self)
            let second = try await pool.scalar("INSERT INTO users (name, role) VALUES ('rad.b', 'radiologist') RETURNING id", as: Int.self)
            let patient = try await pool.scalar("INSERT INTO patients (clinic_id, pseudonym) VALUES (\(clinic), 'P-0001') RETURNING id", as: Int.self)
            let digest = [UInt8](repeating: 7, count: 32)
            let blob = try await pool.scalar(
                "INSERT INTO blobs (sha256, byte_count, data) VALUES (\(digest), 3, \([UInt8]([1, 2, 3]))) RETURNING id", as: Int.self)
            let study = try await pool.scalar("""
                INSERT INTO studies (clinic_id, patient_id, blob_id, format) VALUES (\(clinic), \(patient), \(blob), 'nifti') RETURNING id
                """, as: Int.self)
            try await body(pool, study, (first, second))
        }
    }

    @Test("a second reading by the first reader is refused by the database")
    func distinctReaders() async throws {
        try await withSeededDatabase { pool, study, radiologists in
            try await pool.query("INSERT INTO readings (study_id, reading_number, radiologist_id, category) VALUES (\(study), 1, \(radiologists.0), 2)")
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("INSERT INTO readings (study_id, reading_number, radiologist_id, category) VALUES (\(study), 2, \(radiologists.0), 2)")
            }
            #expect(error?.constraint == "readings_distinct_radiologists")
            try await pool.query("INSERT INTO readings (study_id, reading_number, radiologist_id, category) VALUES (\(study), 2, \(radiologists.1), 3)")
            let duplicateNumber = await #expect(throws: PostgresError.self) {
                try await pool.query("INSERT INTO users (name, role) VALUES ('rad.c', 'radiologist')")
                try await pool.query("""
                    INSERT INTO readings (study_id, reading_number, radiologist_id, category)
                    SELECT \(study), 2, id, 1 FROM users WHERE name = 'rad.c'
                    """)
            }
            #expect(duplicateNumber?.constraint == "readings_one_per_number")
        }
    }

    @Test("readings, vitals, routing decisions and audit events are append-only")
    func appendOnly() async throws {
        try await withSeededDatabase { pool, study, radiologists in
            try await pool.query("INSERT INTO readings (study_id, reading_number, radiologist_id, category) VALUES (\(study), 1, \(radiologists.0), 2)")
            try await pool.query("INSERT INTO audit_events (actor, action, entity, entity_id) VALUES ('rad.a', 'sign', 'study', \(String(study)))")
            for statement: PostgresQuery in [
                "UPDATE readings SET category = 4", "DELETE FROM readings", "UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events",
            ] {
                let error = await #expect(throws: PostgresError.self) { try await pool.query(statement) }
                #expect(error?.message.contains("append-only") == true, "\(statement)")
            }
        }
    }

    @Test("clinic staff must belong to a clinic; other roles must not")
    func staffClinic() async throws {
        try await withSeededDatabase { pool, _, _ in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("INSERT INTO users (name, role) VALUES ('desk.1', 'clinic_staff')")
            }
            #expect(error?.constraint == "users_staff_have_clinic")
        }
    }

    @Test("a claim is all or nothing: claimer, lease token and expiry together")
    func claimComplete() async throws {
        try await withSeededDatabase { pool, study, radiologists in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("""
                    INSERT INTO worklist_items (study_id, tier, due_at, arrival_at, readings_required, claimed_by,
                                                public_id, clinic_code, status)
                    VALUES (\(study), 3, now(), now(), 1, \(radiologists.0), gen_random_uuid(), 'MSK-01', 'received')
                    """)
            }
            #expect(error?.constraint == "worklist_claim_complete")
        }
    }

    @Test("out-of-range vitals are refused by the database too")
    func vitalsRanges() async throws {
        try await withSeededDatabase { pool, study, radiologists in
            await #expect(throws: PostgresError.self) {
                try await pool.query("INSERT INTO vitals (study_id, entered_by, spo2_percent) VALUES (\(study), \(radiologists.0), \(101.0))")
            }
        }
    }
}
