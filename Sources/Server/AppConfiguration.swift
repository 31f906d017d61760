import Logging

/// Everything the daemon is configured with, read once at start-up (see `AppConfiguration+Loading`).
public struct AppConfiguration: Sendable, Equatable {
    public struct HTTP: Sendable, Equatable {
        public var host = "127.0.0.1"
        public var port = 8080
    }

    public struct Database: Sendable, Equatable {
        /// Empty: use the embedded cluster.
        public var url = ""
        public var poolSize = 10
        public var checkoutTimeoutSeconds = 5.0
        public var statementTimeoutSeconds = 30.0
        public var embeddedName = "ctriage"
    }

    public struct Estimation: Sendable, Equatable {
        /// Concurrent estimation workers; 0 means one per processor core.
        public var workers = 0
        public var leaseSeconds = 60.0
        public var pollSeconds = 5.0
    }

    public struct Worklist: Sendable, Equatable {
        /// How long a radiologist's claim lasts before the study returns to the queue (renewable).
        public var leaseSeconds = 600
        public var sessionHours = 12
    }

    public struct Ingest: Sendable, Equatable {
        public var maxUploadBytes = 512 << 20
    }

    /// The watched inbox folder (see docs/ingest.md); an empty `dir` disables it.
    public struct Inbox: Sendable, Equatable {
        public var dir = ""
        public var pollSeconds = 2.0
        /// Clinic code for files named `<patient>__<anything>.nii[.gz]`; empty: every name must carry its clinic.
        public var clinic = ""
    }

    /// DICOM doors (docs/dicom.md): STOW-RS, the inbox's DICOM files and the stable-series rule.
    public struct DICOMSettings: Sendable, Equatable {
        /// A staged series becomes a study once no instance has arrived for this long.
        public var stableSeconds = 10.0
        /// How often the stable-series service looks for quiet series.
        public var pollSeconds = 2.0
        /// Clinic code for STOW-RS requests from admins without `?clinic=`; empty: they must name it.
        public var defaultClinic = ""
    }

    public var http = HTTP()
    public var worklist = Worklist()
    public var ingest = Ingest()
    public var estimation = Estimation()
    public var inbox = Inbox()
    public var dicom = DICOMSettings()
    public var database = Database()
    public var stateDirectory = ".ctriage"
    public var migrationsDirectory = "Migrations"
    public var logLevel = Logger.Level.info

    public init() {}

    public var usesEmbeddedDatabase: Bool { database.url.isEmpty }
}
