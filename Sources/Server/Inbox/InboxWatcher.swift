import Foundation
import Logging
import ServiceLifecycle
import Store

/// The inbox door of ingest: scans a folder every few seconds and sends each NIfTI file, oldest first and one
/// at a time, through `StudyIngest`. Accepted files (new or already known) move to `done/`, refused ones to
/// `rejected/` with a `.reason.txt`; while the database is unavailable files stay where they are, so nothing
/// dropped into the folder is lost. Naming and behaviour are described in docs/ingest.md.
public struct InboxWatcher: Service {
    public enum Disposition: Sendable, Equatable {
        case done(publicID: UUID, created: Bool)
        /// A DICOM instance staged for its series (a study once the series is quiet; docs/dicom.md).
        case staged(sopInstanceUID: String)
        case rejected(code: String)
        /// Left in the folder for the next scan: the database was unavailable, or the file could not be moved.
        case deferred
    }

    /// What one scan did with one file.
    public struct Outcome: Sendable, Equatable {
        public var fileName: String
        public var disposition: Disposition

        public init(fileName: String, disposition: Disposition) {
            self.fileName = fileName
            self.disposition = disposition
        }
    }

    let folder: InboxFolder
    let defaultClinic: String?
    let pollInterval: Duration
    let maxFileBytes: Int
    let ingest: StudyIngest
    /// Stages DICOM Part 10 files; nil: they are refused like any file that is not NIfTI.
    let dicomStaging: DICOMStaging?
    let logger: Logger

    /// `defaultClinic` is the clinic of files named `<patient>__<anything>.nii[.gz]`; `maxFileBytes` refuses a
    /// larger file before reading it (keep it equal to the ingest limit).
    public init(
        directory: URL, defaultClinic: String? = nil, pollInterval: Duration = .seconds(2), maxFileBytes: Int = 512 << 20,
        ingest: StudyIngest, dicomStaging: DICOMStaging? = nil, logger: Logger
    ) {
        self.dicomStaging = dicomStaging
        folder = InboxFolder(directory: directory.standardizedFileURL)
        self.defaultClinic = defaultClinic.flatMap { $0.isEmpty ? nil : $0 }
        self.pollInterval = pollInterval
        self.maxFileBytes = maxFileBytes
        self.ingest = ingest
        var logger = logger
        logger[metadataKey: "service"] = "inbox"
        self.logger = logger
    }

    public init(
        settings: AppConfiguration.Inbox, maxFileBytes: Int = 512 << 20, ingest: StudyIngest, dicomStaging: DICOMStaging? = nil,
        logger: Logger
    ) {
        self.init(
            directory: URL(fileURLWithPath: settings.dir, isDirectory: true), defaultClinic: settings.clinic,
            pollInterval: .milliseconds(Int(settings.pollSeconds * 1000)), maxFileBytes: maxFileBytes, ingest: ingest,
            dicomStaging: dicomStaging, logger: logger)
    }

    /// Scans until graceful shutdown, which lets the file in hand finish (its study committed and the file
    /// moved) instead of cancelling it half-way.
    public func run() async throws {
        let stop = InboxStop()
        logger.info("watching the inbox folder", metadata: ["dir": "\(folder.directory.path)"])
        await withGracefulShutdownHandler {
            while !stop.isRequested && !Task.isCancelled {
                _ = await scan(stop: stop)
                await stop.wait(timeout: pollInterval)
            }
        } onGracefulShutdown: {
            stop.request()
        }
    }

    /// One pass over the folder, as `run` makes every poll interval.
    public func scanOnce() async -> [Outcome] {
        await scan(stop: nil)
    }
}
