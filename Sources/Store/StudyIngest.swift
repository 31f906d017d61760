import Crypto
import Foundation
import Postgres
import Triage
import VolumeIO

/// The one code path behind every ingest door: validate the file completely, then store blob, patient,
/// study, estimation job, first routing and audit event in one transaction. The same bytes again return
/// the existing study; nothing is stored for a file that fails validation.
public struct StudyIngest: Sendable {
    public struct Result: Sendable, Equatable {
        public var studyID: Int
        public var publicID: UUID
        /// False when the bytes were already ingested and the existing study is returned.
        public var created: Bool
    }

    let pool: PostgresPool
    let routing: StudyRouting
    let maxUploadBytes: Int
    let reader: NIfTIReader

    public init(pool: PostgresPool, router: TriageRouter, maxUploadBytes: Int = 512 << 20, reader: NIfTIReader = NIfTIReader()) {
        self.pool = pool
        routing = StudyRouting(router: router)
        self.maxUploadBytes = maxUploadBytes
        self.reader = reader
    }

    public func ingest(_ request: IngestRequest) async throws -> Result {
        // A full read inflates and converts every voxel: hundreds of milliseconds for a large study.
        try await CPUWork.run { [self] in try validate(request) }
        return try await pool.withTransaction { connection in try await store(request, on: connection) }
    }

    /// The transactional half of `ingest`, on the caller's connection inside the caller's transaction (the
    /// DICOM stable-series service marks its series assembled in the same transaction). The caller has
    /// validated the request (`validate`) or built the volume itself.
    public func store(_ request: IngestRequest, on connection: PostgresConnection) async throws -> Result {
        let digest = Array(SHA256.hash(data: request.bytes))
        let clinic = try await Self.clinicID(code: request.clinicCode, onlyClinicID: request.onlyClinicID, on: connection)
        if let existing = try await existingStudy(digest: digest, clinic: clinic, on: connection) { return existing }
        guard let blob = try await connection.query("""
            INSERT INTO blobs (sha256, byte_count, data) VALUES (\(digest), \(request.bytes.count), \(request.bytes))
            ON CONFLICT (sha256) DO NOTHING RETURNING id
            """).first?.decode(Int.self, at: 0)
        else {
            // A concurrent upload of the same bytes committed first: return its study.
            guard let existing = try await existingStudy(digest: digest, clinic: clinic, on: connection) else {
                throw IngestError(code: .conflict, message: "the same file is being ingested concurrently; retry")
            }
            return existing
        }
        let patient = try await connection.query("""
            INSERT INTO patients (clinic_id, pseudonym) VALUES (\(clinic), \(request.patientPseudonym))
            ON CONFLICT (clinic_id, pseudonym) DO UPDATE SET pseudonym = EXCLUDED.pseudonym
            RETURNING id
            """).first!.decode(Int.self, at: 0)
        let (study, publicID) = try await connection.query("""
            INSERT INTO studies (clinic_id, patient_id, blob_id, format, setting, acquired_at)
            VALUES (\(clinic), \(patient), \(blob), 'nifti', \(request.setting.rawValue), \(request.acquiredAt))
            RETURNING id, public_id
            """).first!.decode((Int, UUID).self)
        try await JobQueue.enqueue(kind: "estimate", studyID: study, on: connection)
        try await routing.recompute(studyID: study, on: connection)
        try await connection.query("""
            INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, after)
            VALUES (\(request.actorUserID), \(request.actor), 'study.ingest', 'study', \(publicID.uuidString.lowercased()),
                    jsonb_build_object('bytes', \(request.bytes.count), 'setting', \(request.setting.rawValue)::text))
            """)
        return Result(studyID: study, publicID: publicID, created: true)
    }

    /// The clinic's id; clinic staff (`onlyClinicID`) may send studies only for their own clinic.
    public static func clinicID(code: String, onlyClinicID: Int?, on connection: PostgresConnection) async throws -> Int {
        guard let clinic = try await connection.query("SELECT id FROM clinics WHERE code = \(code)").first?.decode(Int.self, at: 0) else {
            throw IngestError(code: .unknownClinic, message: "unknown clinic \"\(code.prefix(64))\"")
        }
        if let onlyClinicID, onlyClinicID != clinic {
            throw IngestError(code: .otherClinic, message: "you may send studies only for your own clinic")
        }
        return clinic
    }

    private func existingStudy(digest: [UInt8], clinic: Int, on connection: PostgresConnection) async throws -> Result? {
        guard let row = try await connection.query("""
            SELECT s.id, s.public_id, s.clinic_id FROM blobs b JOIN studies s ON s.blob_id = b.id WHERE b.sha256 = \(digest)
            """).first
        else { return nil }
        let (id, publicID, owner) = try row.decode((Int, UUID, Int).self)
        guard owner == clinic else {
            throw IngestError(code: .conflict, message: "this file was already ingested for another clinic")
        }
        return Result(studyID: id, publicID: publicID, created: false)
    }

    /// Everything that can be checked without the database: sizes, identifiers and a full read of the volume
    /// (header, gzip CRC and length, every voxel), so a file that would fail the estimator is refused now.
    func validate(_ request: IngestRequest) throws {
        guard !request.bytes.isEmpty else { throw IngestError(code: .emptyFile, message: "the uploaded file is empty") }
        guard request.bytes.count <= maxUploadBytes else {
            throw IngestError(code: .tooLarge, message: "the file has \(request.bytes.count) bytes; the limit is \(maxUploadBytes)")
        }
        guard request.patientPseudonym.range(of: "^[A-Za-z0-9_-]{1,64}$", options: .regularExpression) != nil else {
            throw IngestError(
                code: .invalidPatient, message: "patient_id must be 1–64 letters, digits, '_' or '-' (a pseudonym, never a name)")
        }
        do {
            _ = try reader.read(request.bytes)
        } catch let error as NIfTIError {
            throw IngestError(code: .invalidVolume, message: "not a readable NIfTI volume: \(error.message)")
        }
    }
}
