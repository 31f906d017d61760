import Foundation
import Postgres
import Store
import Triage

/// What the HTTP routes work with, built once at start-up.
public struct APIServices: Sendable {
    public var pool: PostgresPool
    public var router: TriageRouter
    public var accounts: Accounts
    public var readingLease: Duration
    public var sessionLifetime: Duration
    public var maxUploadBytes: Int
    /// Clinic of STOW-RS requests that do not name one (`dicom.default_clinic`); empty: they must.
    public var dicomDefaultClinic: String

    public init(
        pool: PostgresPool, router: TriageRouter, accounts: Accounts, readingLease: Duration = .seconds(600),
        sessionLifetime: Duration = .seconds(12 * 3600), maxUploadBytes: Int = 512 << 20, dicomDefaultClinic: String = ""
    ) {
        self.dicomDefaultClinic = dicomDefaultClinic
        self.pool = pool
        self.router = router
        self.accounts = accounts
        self.readingLease = readingLease
        self.sessionLifetime = sessionLifetime
        self.maxUploadBytes = maxUploadBytes
    }

    var catalog: StudyCatalog { StudyCatalog(pool: pool) }
    var worklist: Worklist { Worklist(pool: pool, router: router) }
    var ingest: StudyIngest { StudyIngest(pool: pool, router: router, maxUploadBytes: maxUploadBytes) }
    var vitals: VitalsRecorder { VitalsRecorder(pool: pool, router: router) }
}
