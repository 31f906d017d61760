import Estimator
import Foundation
import Postgres
import Store
import TestSupport
import Triage
import VolumeIO

/// The database side of the fault tests: a migrated schema with one clinic and its people, studies queued
/// straight through `StudyIngest` (much faster than uploads), and the checks every fault test makes afterwards.
struct FaultDatabase: Sendable {
    let pool: PostgresPool
    /// API tokens by user name: staff1 (MSK-01), rad1…radN.
    let tokens: [String: String]
    /// User ids by user name.
    let userIDs: [String: Int]

    static let clinic = "MSK-01"

    /// Migrates the database the way the daemon would (so studies can be queued before any daemon runs) and adds
    /// clinic MSK-01, staff1 and `radiologists` radiologists.
    static func prepare(pool: PostgresPool, radiologists: Int) async throws -> FaultDatabase {
        try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: APIFixture.migrations))
        let accounts = Accounts(pool: pool, bcryptCost: 4)
        try await accounts.addClinic(code: clinic, name: "CT centre 1", actor: .system("test"))
        var tokens: [String: String] = [:]
        var ids: [String: Int] = [:]
        var people: [(String, Role, String?)] = [("staff1", .clinicStaff, clinic)]
        for number in 1...max(1, radiologists) { people.append(("rad\(number)", .radiologist, nil)) }
        for (name, role, clinicCode) in people {
            let (user, token) = try await accounts.addUser(name: name, role: role, clinicCode: clinicCode, password: nil, actor: .system("test"))
            tokens[name] = token
            ids[name] = user.id
        }
        return FaultDatabase(pool: pool, tokens: tokens, userIDs: ids)
    }

    /// A small phantom study, different for every seed; `size` × `size` × `slices` voxels.
    static func studyBytes(seed: UInt64, size: Int = 64, slices: Int = 12) throws -> [UInt8] {
        let phantom = PhantomGenerator(seed: seed).makeCase(
            number: 1, .init(size: size, slices: slices, targetInvolvementPercent: Double(seed % 60) + 5))
        return try NIfTIWriter().gzippedNIfTI(phantom.volume)
    }

    /// Queues `count` studies (each with its estimation job) and returns their internal ids. The volumes are made
    /// first and ingested back to back, so running daemons face a backlog rather than a trickle.
    func queueStudies(_ count: Int, firstSeed: UInt64 = 10_000, size: Int = 64, slices: Int = 12) async throws -> [Int] {
        let seeds = (0..<UInt64(count)).map { firstSeed + $0 }
        let volumes = try seeds.map { try Self.studyBytes(seed: $0, size: size, slices: slices) }
        let ingest = StudyIngest(pool: pool, router: TriageRouter())
        var ids: [Int] = []
        for (seed, bytes) in zip(seeds, volumes) {
            ids.append(try await ingest.ingest(IngestRequest(
                bytes: bytes, clinicCode: Self.clinic, patientPseudonym: "P-\(seed)", actor: "test")).studyID)
        }
        return ids
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        try await pool.scalar(query, as: Int.self)
    }

    /// Everything that must hold once every queued study is estimated, whatever was killed on the way: one
    /// estimate, one estimate audit event and one finished job per study, no lease left behind. Returns the
    /// problems found (empty when all holds).
    func estimationProblems(expectedStudies: Int) async throws -> [String] {
        var problems: [String] = []
        let studies = try await count("SELECT count(*) FROM studies")
        if studies != expectedStudies { problems.append("\(studies) studies, expected \(expectedStudies)") }
        // A study read meanwhile has moved on to read or final; estimated_at stays set.
        let notEstimated = try await count("""
            SELECT count(*) FROM studies WHERE status IN ('received', 'estimate_failed') OR estimated_at IS NULL
            """)
        if notEstimated > 0 { problems.append("\(notEstimated) studies not estimated") }
        let doubles = try await count("""
            SELECT count(*) FROM (SELECT study_id FROM estimates GROUP BY study_id HAVING count(*) > 1) d
            """)
        if doubles > 0 { problems.append("\(doubles) studies estimated more than once") }
        let withoutEstimate = try await count("""
            SELECT count(*) FROM studies s WHERE NOT EXISTS (SELECT 1 FROM estimates e WHERE e.study_id = s.id)
            """)
        if withoutEstimate > 0 { problems.append("\(withoutEstimate) studies without an estimate") }
        let doubleAudits = try await count("""
            SELECT count(*) FROM (SELECT entity_id FROM audit_events WHERE action = 'study.estimate'
                                   GROUP BY entity_id HAVING count(*) > 1) d
            """)
        if doubleAudits > 0 { problems.append("\(doubleAudits) studies with more than one estimate audit event") }
        let jobs = try await count("SELECT count(*) FROM jobs")
        if jobs != expectedStudies { problems.append("\(jobs) jobs, expected one per study") }
        let unfinished = try await count("""
            SELECT count(*) FROM jobs
             WHERE state <> 'done' OR lease_owner IS NOT NULL OR lease_expires_at IS NOT NULL OR finished_at IS NULL
                OR attempt < 1 OR attempt > max_attempts
            """)
        if unfinished > 0 { problems.append("\(unfinished) jobs not cleanly done (state, lease or attempt out of order)") }
        return problems
    }

    /// Two radiologists holding one study at once, from the claim history in the audit log: a claim is followed
    /// by the next claim of the same study only after it expired or its holder signed or released it.
    func overlappingClaims() async throws -> Int {
        try await count("""
            WITH claims AS (
                SELECT entity_id, actor_user_id, occurred_at, (after->>'expires_at')::timestamptz AS expires_at,
                       lead(occurred_at) OVER (PARTITION BY entity_id ORDER BY id) AS next_claim_at
                  FROM audit_events WHERE action = 'worklist.claim')
            SELECT count(*) FROM claims c
             WHERE c.next_claim_at IS NOT NULL AND c.next_claim_at < c.expires_at
               AND NOT EXISTS (
                   SELECT 1 FROM audit_events e
                    WHERE e.entity = 'study' AND e.entity_id = c.entity_id AND e.actor_user_id = c.actor_user_id
                      AND e.action IN ('reading.sign', 'worklist.release')
                      AND e.occurred_at BETWEEN c.occurred_at AND c.next_claim_at)
            """)
    }
}
