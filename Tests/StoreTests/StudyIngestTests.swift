import Foundation
import Postgres
import Store
import TestSupport
import Testing
import Triage
import VolumeIO

@Suite("Study ingest")
struct StudyIngestTests {
    /// A small, valid gzipped NIfTI volume whose content varies with `seed`.
    static func volumeBytes(seed: Int16) throws -> [UInt8] {
        let dims = SIMD3(8, 8, 4)
        let voxels = (0..<(dims.x * dims.y * dims.z)).map { Int16(truncatingIfNeeded: $0 * 7) &- 1000 &+ seed }
        let volume = Volume(dims: dims, spacing: SIMD3(0.7, 0.7, 8), affine: .diagonal(SIMD3(0.7, 0.7, 8)), voxels: voxels)
        return try NIfTIWriter().gzippedNIfTI(volume)
    }

    func request(_ bytes: [UInt8], clinic: String = "MSK-01", patient: String = "P-0001") -> IngestRequest {
        IngestRequest(bytes: bytes, clinicCode: clinic, patientPseudonym: patient, actor: "test")
    }

    @Test("a valid study is stored with its job, queue entry and audit event; the same bytes again return it")
    func createAndDeduplicate() async throws {
        try await StoreFixture.with { fixture in
            let ingest = StudyIngest(pool: fixture.pool, router: TriageRouter())
            let bytes = try Self.volumeBytes(seed: 1)
            let first = try await ingest.ingest(request(bytes))
            #expect(first.created)
            let again = try await ingest.ingest(request(bytes))
            #expect(!again.created)
            #expect(again.studyID == first.studyID)
            let counts = try await fixture.pool.query("""
                SELECT (SELECT count(*) FROM studies), (SELECT count(*) FROM jobs WHERE state = 'queued'),
                       (SELECT count(*) FROM worklist_items WHERE tier = 3), (SELECT count(*) FROM audit_events WHERE action = 'study.ingest')
                """).first!.decode((Int, Int, Int, Int).self)
            #expect(counts == (1, 1, 1, 1))
            let stored = try await fixture.pool.scalar(
                "SELECT b.data FROM blobs b JOIN studies s ON s.blob_id = b.id WHERE s.id = \(first.studyID)", as: [UInt8].self)
            #expect(stored == bytes)
        }
    }

    @Test("concurrent uploads of the same bytes make one study")
    func concurrentDuplicates() async throws {
        try await StoreFixture.with { fixture in
            let ingest = StudyIngest(pool: fixture.pool, router: TriageRouter())
            let bytes = try Self.volumeBytes(seed: 2)
            let results = try await withThrowingTaskGroup(of: StudyIngest.Result.self) { group in
                for _ in 0..<6 { group.addTask { try await ingest.ingest(request(bytes)) } }
                return try await group.reduce(into: [StudyIngest.Result]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.studyID)).count == 1)
            #expect(results.filter(\.created).count == 1)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 1)
        }
    }

    @Test(
        "bad input is refused with a reason and stores nothing",
        arguments: [
            ("empty", IngestError.Code.emptyFile),
            ("truncated", .invalidVolume),
            ("garbage", .invalidVolume),
            ("unknown clinic", .unknownClinic),
            ("patient name", .invalidPatient),
        ])
    func refusals(kind: String, expected: IngestError.Code) async throws {
        try await StoreFixture.with { fixture in
            let ingest = StudyIngest(pool: fixture.pool, router: TriageRouter())
            let good = try Self.volumeBytes(seed: 3)
            let bad: IngestRequest
            switch kind {
            case "empty": bad = request([])
            case "truncated": bad = request(Array(good.prefix(good.count - 10)))
            case "garbage": bad = request(Array("not a volume at all, just text".utf8))
            case "unknown clinic": bad = request(good, clinic: "NOPE")
            default: bad = request(good, patient: "Ivan Petrov")
            }
            let error = await #expect(throws: IngestError.self) { try await ingest.ingest(bad) }
            #expect(error?.code == expected)
            #expect(error?.message.isEmpty == false)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM blobs", as: Int.self) == 0)
        }
    }

    @Test("the same file from another clinic is refused without revealing the first")
    func otherClinic() async throws {
        try await StoreFixture.with { fixture in
            try await fixture.pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-02', 'CT centre 2')")
            let ingest = StudyIngest(pool: fixture.pool, router: TriageRouter())
            let bytes = try Self.volumeBytes(seed: 4)
            _ = try await ingest.ingest(request(bytes))
            let error = await #expect(throws: IngestError.self) { try await ingest.ingest(request(bytes, clinic: "MSK-02")) }
            #expect(error?.code == .conflict)
        }
    }
}
