import Crypto
import DICOM
import Foundation
import Logging
import Postgres
import VolumeIO

/// Turns staged series that have been quiet for `stableSeconds` into studies. Each series is claimed with
/// FOR UPDATE SKIP LOCKED, so several daemons on one database assemble it once; the volume is written as
/// .nii.gz and stored by the same `StudyIngest` transaction as any upload, which also marks the series
/// assembled. A series that cannot be assembled (gap-free stacking is not required, but mixed geometry or a
/// duplicate position is) is marked failed with the reason and keeps its instances.
public struct DICOMSeriesAssembler: Sendable {
    public enum Outcome: Sendable, Equatable {
        case assembled(seriesUID: String, study: StudyIngest.Result)
        case failed(seriesUID: String, reason: String)
    }

    let pool: PostgresPool
    let ingest: StudyIngest
    let stableSeconds: Double
    let limits: DICOMLimits
    let logger: Logger

    public init(pool: PostgresPool, ingest: StudyIngest, stableSeconds: Double, limits: DICOMLimits = DICOMLimits(), logger: Logger) {
        self.pool = pool
        self.ingest = ingest
        self.stableSeconds = stableSeconds
        self.limits = limits
        self.logger = logger
    }

    /// Assembles every series that is stable now; returns what became of each.
    public func assembleStableSeries() async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        while let outcome = try await assembleNext() { outcomes.append(outcome) }
        return outcomes
    }

    /// Claims and assembles one stable series; nil when none is waiting (or all are claimed by others).
    public func assembleNext() async throws -> Outcome? {
        try await pool.withTransaction { connection -> Outcome? in
            guard let row = try await connection.query("""
                SELECT s.id, s.series_uid, s.study_uid, c.code, s.patient_hash
                  FROM dicom_series s JOIN clinics c ON c.id = s.clinic_id
                 WHERE s.state = 'staged' AND s.last_arrival <= clock_timestamp() - make_interval(secs => \(stableSeconds))
                 ORDER BY s.last_arrival
                 LIMIT 1
                   FOR UPDATE OF s SKIP LOCKED
                """).first
            else { return nil }
            let (seriesID, seriesUID, studyUID, clinicCode, patientHash) = try row.decode((Int, String, String, String, String?).self)
            let files = try await connection.query("""
                SELECT b.data FROM dicom_instances i JOIN blobs b ON b.id = i.blob_id WHERE i.series_id = \(seriesID) ORDER BY i.id
                """).map { try $0.decode([UInt8].self, at: 0) }
            let volume: (bytes: [UInt8], series: DICOMSeries)
            do {
                volume = try await CPUWork.run { [limits] in
                    let reader = DICOMReader(limits: limits)
                    let series = try DICOMSeries.assemble(try files.map { try reader.read($0) }, limits: limits)
                    return (try NIfTIWriter().gzippedNIfTI(series.volume), series)
                }
            } catch let error as DICOMError {
                return try await fail(seriesID, seriesUID, reason: "\(error.code): \(error.message)", on: connection)
            } catch {
                return try await fail(seriesID, seriesUID, reason: "the volume could not be written: \(error)", on: connection)
            }
            let request = IngestRequest(
                bytes: volume.bytes, clinicCode: clinicCode, patientPseudonym: Self.pseudonym(patientHash: patientHash, studyUID: studyUID),
                actor: "dicom")
            try await connection.execute(script: "SAVEPOINT dicom_ingest")
            let study: StudyIngest.Result
            do {
                study = try await ingest.store(request, on: connection)
            } catch let error as IngestError {
                try await connection.execute(script: "ROLLBACK TO SAVEPOINT dicom_ingest")
                return try await fail(seriesID, seriesUID, reason: error.message, on: connection)
            }
            let taken = try await connection.query("SELECT series_uid FROM dicom_series WHERE study_id = \(study.studyID)").first
            if let taken {
                let other = try taken.decode(String.self, at: 0)
                return try await fail(seriesID, seriesUID, reason: "the volume is identical to series \(other), already a study", on: connection)
            }
            try await connection.query("""
                UPDATE studies SET format = 'dicom', dicom_study_uid = \(studyUID), dicom_series_uid = \(seriesUID)
                 WHERE id = \(study.studyID) AND dicom_series_uid IS NULL
                """)
            try await connection.query("UPDATE dicom_series SET state = 'assembled', study_id = \(study.studyID) WHERE id = \(seriesID)")
            try await connection.query("""
                INSERT INTO audit_events (actor, action, entity, entity_id, after)
                VALUES ('dicom', 'dicom.series.assemble', 'study', \(study.publicID.uuidString.lowercased()),
                        jsonb_build_object('series_uid', \(seriesUID)::text, 'instances', \(files.count)::int,
                                           'flags', \(Self.flagNames(volume.series.flags).joined(separator: ","))::text))
                """)
            logger.info("DICOM series assembled", metadata: ["study": "\(study.publicID)", "instances": "\(files.count)"])
            return .assembled(seriesUID: seriesUID, study: study)
        }
    }

    private func fail(_ seriesID: Int, _ seriesUID: String, reason: String, on connection: PostgresConnection) async throws -> Outcome {
        try await connection.query("UPDATE dicom_series SET state = 'failed', failure_reason = \(reason) WHERE id = \(seriesID)")
        try await connection.query("""
            INSERT INTO audit_events (actor, action, entity, entity_id, after)
            VALUES ('dicom', 'dicom.series.fail', 'dicom_series', \(seriesUID), jsonb_build_object('reason', \(reason)::text))
            """)
        logger.warning("DICOM series could not be assembled", metadata: ["series_id": "\(seriesID)", "reason": "\(reason)"])
        return .failed(seriesUID: seriesUID, reason: reason)
    }

    /// The patient pseudonym of an assembled study: the Patient ID's SHA-256 hex (64 characters, what the reader
    /// keeps); without a Patient ID, one pseudonym per DICOM study so unrelated studies are never merged.
    static func pseudonym(patientHash: String?, studyUID: String) -> String {
        if let patientHash { return patientHash }
        let digest = SHA256.hash(data: Array(studyUID.utf8)).map { String(format: "%02x", $0) }.joined()
        return "noid-" + digest.prefix(32)
    }

    static func flagNames(_ flags: DICOMSeries.Flags) -> [String] {
        var names: [String] = []
        if flags.contains(.unevenSpacing) { names.append("uneven_spacing") }
        if flags.contains(.sliceGap) { names.append("slice_gap") }
        if flags.contains(.repeatedInstances) { names.append("repeated_instances") }
        return names
    }
}
