import Foundation
import Postgres
import Store

/// Fills a dedicated benchmark database: one clinic, `studies` queued studies (one patient per 20) with
/// estimates, routes and queue rows spread over the tiers, and radiologists with API tokens.
struct WorklistBenchmarkData {
    let pool: PostgresPool

    func seed(studies: Int) async throws {
        try await pool.query("INSERT INTO clinics (code, name) VALUES ('BENCH', 'Benchmark centre') ON CONFLICT DO NOTHING")
        try await pool.query("""
            INSERT INTO patients (clinic_id, pseudonym)
            SELECT c.id, 'B-' || g FROM clinics c, generate_series(1, \(studies / 20 + 1)) g WHERE c.code = 'BENCH'
            """)
        try await pool.query("""
            INSERT INTO blobs (sha256, byte_count, data)
            SELECT sha256(int8send(g)), 8, int8send(g) FROM generate_series(1, \(studies)) g
            """)
        try await pool.query("""
            INSERT INTO studies (clinic_id, patient_id, blob_id, format, status, received_at, estimated_at)
            SELECT p.clinic_id, p.id, b.id, 'nifti', 'estimated', now() - (b.id % 600) * interval '1 minute',
                   now() - (b.id % 600) * interval '1 minute' + interval '40 seconds'
              FROM blobs b JOIN patients p ON p.pseudonym = 'B-' || (b.id / 20 + 1)
            """)
        try await pool.query("""
            INSERT INTO estimates (study_id, version, estimator_version, category, involvement_percent, flags)
            SELECT id, 1, 'bench', (id % 5)::smallint, (id % 5) * 20 + 3, CASE WHEN id % 7 = 0 THEN '{thick_slices}'::text[] ELSE '{}' END
              FROM studies
            """)
        try await pool.query("""
            INSERT INTO routing_decisions (study_id, category_source, category, severity, tier, emergency, decision, trace)
            SELECT id, 'estimate', (id % 5)::smallint, (ARRAY['zero','mild','moderate','severe','critical'])[id % 5 + 1],
                   (5 - id % 5 - CASE WHEN id % 5 = 4 THEN 1 ELSE 0 END)::smallint, false, 'benchmark route', '["benchmark"]'::jsonb
              FROM studies
            """)
        try await pool.query("""
            INSERT INTO worklist_items (study_id, tier, due_at, arrival_at, readings_required, public_id, clinic_code, status,
                                        category, category_source, involvement_percent, flags, emergency)
            SELECT s.id, r.tier, s.received_at + interval '2 hours', s.received_at, 1, s.public_id, 'BENCH', s.status,
                   r.category, 'estimate', e.involvement_percent, e.flags, false
              FROM studies s JOIN routing_decisions r ON r.study_id = s.id JOIN estimates e ON e.study_id = s.id
            """)
        try await pool.query("ANALYZE")
    }

    /// `count` radiologists named `prefix0…`; returns (user id, API token) pairs.
    func radiologists(prefix: String, count: Int) async throws -> [(id: Int, token: String)] {
        let accounts = Accounts(pool: pool, bcryptCost: 4)
        var result: [(Int, String)] = []
        for index in 0..<count {
            let (user, token) = try await accounts.addUser(
                name: "\(prefix)\(index)", role: .radiologist, clinicCode: nil, password: nil, actor: .system("bench"))
            result.append((user.id, token))
        }
        return result
    }
}
