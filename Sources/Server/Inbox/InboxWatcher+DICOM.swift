import Foundation
import Logging
import Postgres
import Store

/// DICOM Part 10 files in the inbox (docs/dicom.md): `<clinic>__<anything>.dcm`, `<anything>.dcm` with the
/// inbox's default clinic, or any file not named `.nii`/`.nii.gz` whose bytes start with the DICM preamble.
/// Each is staged as an instance of its series (the patient comes from the file) and moved to `done/`;
/// refused instances go to `rejected/` with the FailureReason code and message.
extension InboxWatcher {
    static func mayBeDICOM(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return !lowered.hasSuffix(".nii") && !lowered.hasSuffix(".nii.gz")
    }

    /// nil when the file is not DICOM (no `.dcm` name and no DICM preamble).
    func processDICOM(_ entry: InboxFolder.Entry, staging: DICOMStaging, log: Logger) async -> Step? {
        let bytes: [UInt8]
        let clinicCode: String
        do {
            guard !InboxFileName.isUnsafe(entry.name) else {
                throw InboxError(code: .invalidFileName, message: "the file name contains '/', '..' or a NUL byte")
            }
            guard entry.isRegular else {
                throw InboxError(code: .notRegularFile, message: "only regular files are ingested (not links, FIFOs or devices)")
            }
            guard let read = try folder.read(entry.name, limit: maxFileBytes) else { return .vanished }
            let preamble = read.count >= 132 && Array(read[128..<132]) == Array("DICM".utf8)
            guard preamble || entry.name.lowercased().hasSuffix(".dcm") else { return nil }
            bytes = read
            clinicCode = try InboxFileName.dicomClinic(entry.name, defaultClinic: defaultClinic)
        } catch let error as InboxError {
            return reject(entry.name, code: "\(error.code)", message: error.message, log: log)
        } catch {
            return reject(entry.name, code: "\(InboxError.Code.unreadableFile)", message: "\(error)", log: log)
        }
        let clinicID: Int
        do {
            clinicID = try await staging.clinicID(code: clinicCode, onlyClinicID: nil)
        } catch let error as IngestError {
            return reject(entry.name, code: "\(error.code)", message: error.message, log: log)
        } catch {
            log.warning("database unavailable; the inbox file stays for the next scan", metadata: ["error": "\(error)"])
            return .databaseUnavailable
        }
        let outcome = await staging.stage(bytes, clinicID: clinicID)
        if case .failed(let reason) = outcome.status {
            if reason.isTransient { return .databaseUnavailable }
            return reject(entry.name, code: "dicom_\(String(reason.code, radix: 16))", message: reason.message, log: log)
        }
        do throws(InboxError) {
            _ = try folder.move(entry.name, to: .done)
        } catch {
            log.error("DICOM instance staged but the file cannot be moved to done/; it stays and is matched again next scan",
                      metadata: ["error": "\(error.message)"])
            return .finished(.deferred)
        }
        log.info("DICOM instance staged from the inbox")
        return .finished(.staged(sopInstanceUID: outcome.sopInstanceUID ?? ""))
    }
}
