import Foundation
import Postgres
import Store
import TestSupport

/// A migrated database with a clinic and a patient, and helpers to add studies and radiologists.
struct StoreFixture {
    let pool: PostgresPool
    let clinic: Int
    let patient: Int

    static func with(maxConnections: Int = 8, _ body: (StoreFixture) async throws -> Void) async throws {
        try await TestPostgres.withPool(maxConnections: maxConnections) { pool in
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(WorklistSchemaTests.migrations)
            let clinic = try await pool.scalar("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1') RETURNING id", as: Int.self)
            let patient = try await pool.scalar("INSERT INTO patients (clinic_id, pseudonym) VALUES (\(clinic), 'P-0001') RETURNING id", as: Int.self)
            try await body(StoreFixture(pool: pool, clinic: clinic, patient: patient))
        }
    }

    /// A study with its own blob, created the way ingest will: study and job in one transaction.
    func makeStudy(enqueue: Bool = false) async throws -> Int {
        var digest = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: UUID().uuid) { raw in for i in 0..<16 { digest[i] = raw[i] } }
        return try await pool.withTransaction { connection in
            let blob = try await connection.query(
                "INSERT INTO blobs (sha256, byte_count, data) VALUES (\(digest), 1, \([UInt8]([1]))) RETURNING id"
            ).first!.decode(Int.self, at: 0)
            let study = try await connection.query("""
                INSERT INTO studies (clinic_id, patient_id, blob_id, format) VALUES (\(clinic), \(patient), \(blob), 'nifti') RETURNING id
                """).first!.decode(Int.self, at: 0)
            if enqueue { try await JobQueue.enqueue(kind: "estimate", studyID: study, on: connection) }
            return study
        }
    }

    func makeRadiologist(_ name: String) async throws -> Int {
        try await pool.scalar("INSERT INTO users (name, role) VALUES (\(name), 'radiologist') RETURNING id", as: Int.self)
    }
}
