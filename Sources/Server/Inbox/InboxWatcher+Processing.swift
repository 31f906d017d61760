import Foundation
import Logging
import Postgres
import Store

extension InboxWatcher {
    enum Step {
        case finished(Disposition)
        /// Another process took the file between the listing and now.
        case vanished
        case databaseUnavailable
    }

    func scan(stop: InboxStop?) async -> [Outcome] {
        let entries: [InboxFolder.Entry]
        do throws(InboxError) {
            try folder.prepare()
            entries = try folder.entries()
        } catch {
            // Logged every poll on purpose: an operator watching the log sees it until the folder is fixed.
            logger.error("the inbox folder cannot be processed", metadata: ["code": "\(error.code)", "error": "\(error.message)"])
            return []
        }
        var outcomes: [Outcome] = []
        for entry in entries {
            if stop?.isRequested == true || Task.isCancelled { break }
            switch await process(entry) {
            case .finished(let disposition):
                outcomes.append(Outcome(fileName: entry.name, disposition: disposition))
            case .vanished:
                continue
            case .databaseUnavailable:
                // The next file would fail the same way; all of them wait for the next poll.
                outcomes.append(Outcome(fileName: entry.name, disposition: .deferred))
                return outcomes
            }
        }
        return outcomes
    }

    func process(_ entry: InboxFolder.Entry) async -> Step {
        var log = logger
        log[metadataKey: "inbox_file"] = "\(Self.nameHash(entry.name))"
        if let dicomStaging, Self.mayBeDICOM(entry.name) {
            switch await processDICOM(entry, staging: dicomStaging, log: log) {
            case .some(let step): return step
            case .none: break  // not DICOM after all: the NIfTI rules apply (and name the problem)
            }
        }
        let request: IngestRequest
        do {
            let name = try InboxFileName(parsing: entry.name, defaultClinic: defaultClinic)
            guard entry.isRegular else {
                throw InboxError(code: .notRegularFile, message: "only regular files are ingested (not links, FIFOs or devices)")
            }
            guard let bytes = try folder.read(entry.name, limit: maxFileBytes) else { return .vanished }
            request = IngestRequest(bytes: bytes, clinicCode: name.clinicCode, patientPseudonym: name.patientPseudonym, actor: "inbox")
        } catch let error as InboxError {
            return reject(entry.name, code: "\(error.code)", message: error.message, log: log)
        } catch let error as IngestError {
            return reject(entry.name, code: "\(error.code)", message: error.message, log: log)
        } catch {
            return reject(entry.name, code: "\(InboxError.Code.unreadableFile)", message: "\(error)", log: log)
        }

        let result: StudyIngest.Result
        do {
            result = try await ingest.ingest(request)
        } catch let error as IngestError {
            return reject(entry.name, code: "\(error.code)", message: error.message, log: log)
        } catch let error as PostgresError where Self.isUnavailable(error) {
            log.warning("database unavailable; the inbox file stays for the next scan",
                        metadata: ["error": "\(error.code)", "sqlstate": "\(error.sqlState ?? "-")"])
            return .databaseUnavailable
        } catch {
            // Not the file's fault as far as we can tell: keep it and try again next poll rather than reject it.
            log.error("inbox file could not be ingested; it stays for the next scan", metadata: ["error": "\(error)"])
            return .finished(.deferred)
        }

        log[metadataKey: "study"] = "\(result.publicID.uuidString.lowercased())"
        do throws(InboxError) {
            // Gone already means another daemon sharing the folder moved it after ingesting the same bytes.
            _ = try folder.move(entry.name, to: .done)
        } catch {
            log.error("study ingested but the file cannot be moved to done/; it stays and is matched again next scan",
                      metadata: ["error": "\(error.message)"])
            return .finished(.deferred)
        }
        log.info(result.created ? "study ingested from the inbox" : "inbox file was already ingested")
        return .finished(.done(publicID: result.publicID, created: result.created))
    }

    func reject(_ name: String, code: String, message: String, log: Logger) -> Step {
        let moved: String
        do throws(InboxError) {
            guard let target = try folder.move(name, to: .rejected) else { return .vanished }
            moved = target
        } catch {
            log.error("inbox file refused but it cannot be moved to rejected/; it stays",
                      metadata: ["code": "\(code)", "error": "\(error.message)"])
            return .finished(.deferred)
        }
        do throws(InboxError) {
            try folder.writeReason("\(code): \(message)\n", for: moved)
        } catch {
            log.error("cannot write the reason file in rejected/", metadata: ["error": "\(error.message)"])
        }
        // Messages of both error types never contain the file name, hence never the patient pseudonym.
        log.warning("inbox file rejected", metadata: ["code": "\(code)", "reason": "\(message)"])
        return .finished(.rejected(code: code))
    }

    /// Errors after which the same file may well succeed: nothing was stored, so the file waits in the folder. A
    /// database out of disk is one: every following file would fail the same way until an operator makes room.
    static func isUnavailable(_ error: PostgresError) -> Bool {
        error.isConnectionError || error.code == .poolTimeout || error.code == .poolClosed || error.isInsufficientResources
    }

    /// Lets log lines about one file be correlated without writing its name, which carries the pseudonym.
    /// FNV-1a: a label, not a secret (the name sits readable in the folder anyway).
    static func nameHash(_ name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
