import Estimator
import Foundation
import Postgres
import Server
import Store
import TestSupport
import Testing
import Triage
import VolumeIO

@Suite("Estimation worker")
struct EstimationWorkerTests {
    /// A migrated database with one clinic.
    func withDatabase(_ body: (PostgresPool) async throws -> Void) async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        try await TestPostgres.withPool(maxConnections: 6) { pool in
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: folder))
            try await pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1')")
            try await body(pool)
        }
    }

    func ingestPhantom(_ pool: PostgresPool, seed: UInt64) async throws -> Int {
        let phantom = PhantomGenerator(seed: seed).makeCase(number: 1, .init(size: 192, slices: 16, targetInvolvementPercent: 30))
        let bytes = try NIfTIWriter().gzippedNIfTI(phantom.volume)
        let ingest = StudyIngest(pool: pool, router: TriageRouter())
        return try await ingest.ingest(IngestRequest(bytes: bytes, clinicCode: "MSK-01", patientPseudonym: "P-1", actor: "test")).studyID
    }

    func runWorker<T: Sendable>(_ pool: PostgresPool, until condition: @escaping @Sendable () async throws -> T?) async throws -> T? {
        let worker = EstimationWorker(
            pool: pool, routing: StudyRouting(router: TriageRouter()), wakeups: nil, name: "test-worker",
            pollInterval: .milliseconds(100), logger: TestPostgres.logger)
        let running = Task { try await worker.run() }
        defer { running.cancel() }
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while ContinuousClock.now < deadline {
            if let value = try await condition() { return value }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    @Test("an ingested study is estimated once, routed from its estimate, and its job is done")
    func estimatesStudy() async throws {
        try await withDatabase { pool in
            let study = try await ingestPhantom(pool, seed: 41)
            let status = try await runWorker(pool) {
                let status = try await pool.scalar("SELECT status FROM studies WHERE id = \(study)", as: String.self)
                return status == "received" ? nil : status
            }
            #expect(status == "estimated")
            let (estimates, jobState, source) = try await pool.query("""
                SELECT (SELECT count(*) FROM estimates WHERE study_id = \(study)),
                       (SELECT state FROM jobs WHERE study_id = \(study)),
                       (SELECT category_source FROM routing_decisions WHERE study_id = \(study) ORDER BY id DESC LIMIT 1)
                """).first!.decode((Int, String, String).self)
            #expect(estimates == 1)
            #expect(jobState == "done")
            #expect(source == "estimate")
            // Key images (three axial, one coronal) and both masks are stored as blobs with the estimate.
            let (images, masks) = try await pool.query("""
                SELECT jsonb_array_length(key_images), lung_mask_blob_id IS NOT NULL AND lesion_mask_blob_id IS NOT NULL
                  FROM estimates WHERE study_id = \(study)
                """).first!.decode((Int, Bool).self)
            #expect(images == 4)
            #expect(masks)
            let png = try await pool.scalar("""
                SELECT substring(b.data FROM 1 FOR 8) FROM estimates e JOIN blobs b ON b.id = (e.key_images -> 0 ->> 'blob_id')::bigint
                 WHERE e.study_id = \(study)
                """, as: [UInt8].self)
            #expect(png == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
    }

    @Test("a stored volume that cannot be read fails permanently with its reason visible")
    func corruptBlob() async throws {
        try await withDatabase { pool in
            let study = try await ingestPhantom(pool, seed: 42)
            // Simulate corruption at rest: same length, wrong bytes.
            try await pool.query("""
                UPDATE blobs SET data = decode(repeat('00', byte_count::int), 'hex')
                 WHERE id = (SELECT blob_id FROM studies WHERE id = \(study))
                """)
            let reason = try await runWorker(pool) {
                try await pool.query("SELECT failure_reason FROM studies WHERE id = \(study) AND status = 'estimate_failed'")
                    .first?.decode(String.self, at: 0)
            }
            #expect(reason?.contains("cannot be read") == true)
            #expect(try await pool.scalar("SELECT state FROM jobs WHERE study_id = \(study)", as: String.self) == "failed")
        }
    }
}
