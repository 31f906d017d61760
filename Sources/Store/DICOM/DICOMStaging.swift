import Crypto
import DICOM
import Logging
import Postgres

/// Stages received DICOM instances per series (STOW-RS and the inbox): each instance is read completely,
/// then its bytes and row are stored in one short transaction. The series becomes a study later, when it has
/// been quiet for the stable period (`DICOMSeriesAssembler`). One bad instance never affects the others.
public struct DICOMStaging: Sendable {
    let pool: PostgresPool
    let reader: DICOMReader
    let logger: Logger

    public init(pool: PostgresPool, limits: DICOMLimits = DICOMLimits(), logger: Logger) {
        self.pool = pool
        reader = DICOMReader(limits: limits)
        self.logger = logger
    }

    /// The clinic's id; clinic staff (`onlyClinicID`) may stage only for their own clinic.
    public func clinicID(code: String, onlyClinicID: Int?) async throws -> Int {
        try await pool.withConnection { try await StudyIngest.clinicID(code: code, onlyClinicID: onlyClinicID, on: $0) }
    }

    /// Reads and stages one instance. `requiredStudyUID` (STOW-RS to `/studies/{study}`) refuses instances of
    /// any other study. Never throws: every problem is the instance's failure reason.
    public func stage(_ bytes: [UInt8], clinicID: Int, requiredStudyUID: String? = nil) async -> DICOMStageOutcome {
        await stage(bytes, read: (await read([bytes]))[0], clinicID: clinicID, requiredStudyUID: requiredStudyUID)
    }

    /// Reads every instance of a request before any is staged: reading is CPU work that can take seconds on a
    /// busy machine, and staging instances one read at a time could let their series look quiet, and be
    /// assembled, before the request's last instance is in.
    public func read(_ files: [[UInt8]]) async -> [Result<DICOMInstance, DICOMFailureReason>] {
        let results = try? await CPUWork.run { [reader] in
            files.map { bytes -> Result<DICOMInstance, DICOMFailureReason> in
                do {
                    return .success(try reader.read(bytes))
                } catch let error as DICOMError {
                    return .failure(DICOMFailureReason(error))
                } catch {
                    return .failure(DICOMFailureReason(code: DICOMFailureReason.cannotUnderstand, message: "\(error)"))
                }
            }
        }
        return results ?? files.map { _ in .failure(DICOMFailureReason(code: DICOMFailureReason.processingFailure, message: "not read")) }
    }

    /// Stages one instance already read (`read`).
    public func stage(
        _ bytes: [UInt8], read: Result<DICOMInstance, DICOMFailureReason>, clinicID: Int, requiredStudyUID: String? = nil
    ) async -> DICOMStageOutcome {
        let instance: DICOMInstance
        switch read {
        case .success(let read): instance = read
        case .failure(let reason): return DICOMStageOutcome(status: .failed(reason))
        }
        var outcome = DICOMStageOutcome(
            sopInstanceUID: instance.sopInstanceUID, studyInstanceUID: instance.studyInstanceUID,
            seriesInstanceUID: instance.seriesInstanceUID, status: .stored)
        for uid in [instance.studyInstanceUID, instance.seriesInstanceUID, instance.sopInstanceUID] where !Self.isValidUID(uid) {
            outcome.status = .failed(DICOMFailureReason(
                code: DICOMFailureReason.cannotUnderstand, message: "\"\(uid.prefix(80))\" is not a valid UID (digits and dots, at most 64)"))
            return outcome
        }
        if let requiredStudyUID, requiredStudyUID != instance.studyInstanceUID {
            outcome.status = .failed(DICOMFailureReason(
                code: DICOMFailureReason.dataSetMismatch,
                message: "the instance belongs to study \(instance.studyInstanceUID), not to \(requiredStudyUID) named in the URL"))
            return outcome
        }
        do {
            outcome.status = try await pool.withTransaction { connection in
                try await store(bytes, instance, clinicID: clinicID, on: connection)
            }
        } catch {
            logger.warning("could not stage a DICOM instance", metadata: ["error": "\(error)"])
            outcome.status = .failed(DICOMFailureReason(
                code: DICOMFailureReason.processingFailure, message: "the instance could not be stored now; send it again",
                isTransient: true))
        }
        return outcome
    }

    private func store(
        _ bytes: [UInt8], _ instance: DICOMInstance, clinicID: Int, on connection: PostgresConnection
    ) async throws -> DICOMStageOutcome.Status {
        try await connection.query("""
            INSERT INTO dicom_series (series_uid, study_uid, clinic_id, patient_hash, study_date, study_time)
            VALUES (\(instance.seriesInstanceUID), \(instance.studyInstanceUID), \(clinicID), \(instance.patientIDHash),
                    \(instance.studyDate), \(instance.studyTime))
            ON CONFLICT (series_uid) DO NOTHING
            """)
        // The row lock orders this against the assembler, which claims series with SKIP LOCKED.
        let (seriesID, studyUID, owner, state) = try await connection.query("""
            SELECT id, study_uid, clinic_id, state FROM dicom_series WHERE series_uid = \(instance.seriesInstanceUID) FOR UPDATE
            """).first!.decode((Int, String, Int, String).self)
        guard owner == clinicID else {
            return .failed(DICOMFailureReason(
                code: DICOMFailureReason.processingFailure, message: "this series was received for another clinic"))
        }
        guard studyUID == instance.studyInstanceUID else {
            return .failed(DICOMFailureReason(
                code: DICOMFailureReason.dataSetMismatch, message: "series \(instance.seriesInstanceUID) belongs to study \(studyUID)"))
        }
        if let existing = try await connection.query("""
            SELECT b.sha256 FROM dicom_instances i JOIN blobs b ON b.id = i.blob_id
             WHERE i.series_id = \(seriesID) AND i.sop_instance_uid = \(instance.sopInstanceUID)
            """).first?.decode([UInt8].self, at: 0) {
            guard existing == Array(SHA256.hash(data: bytes)) else {
                return .failed(DICOMFailureReason(
                    code: DICOMFailureReason.processingFailure,
                    message: "SOP instance \(instance.sopInstanceUID) was already received with different content"))
            }
            return .alreadyStored
        }
        guard state != "assembled" else {
            return .failed(DICOMFailureReason(
                code: DICOMFailureReason.processingFailure,
                message: "series \(instance.seriesInstanceUID) was already assembled into a study; send late instances as a new series"))
        }
        let blob = try await BlobStore.put(bytes, on: connection)
        try await connection.query("""
            INSERT INTO dicom_instances (series_id, sop_instance_uid, transfer_syntax, blob_id)
            VALUES (\(seriesID), \(instance.sopInstanceUID), \(instance.transferSyntax.uid), \(blob))
            """)
        // A new instance restarts the quiet period; a failed series gets another chance with it.
        try await connection.query("""
            UPDATE dicom_series SET last_arrival = now(), state = 'staged', failure_reason = NULL WHERE id = \(seriesID)
            """)
        return .stored
    }

    public static func isValidUID(_ uid: String) -> Bool {
        !uid.isEmpty && uid.utf8.count <= 64 && uid.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 }
    }
}
