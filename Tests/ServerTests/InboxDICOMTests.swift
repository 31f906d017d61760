import Foundation
import Postgres
import Server
import Store
import TestSupport
import Testing
import Triage

@Suite("Inbox watcher: DICOM files")
struct InboxDICOMTests {
    @Test("DICOM files are staged (by .dcm name or DICM preamble) and moved to done/; broken ones go to rejected/ with the reason; the series becomes a study")
    func dicomInbox() async throws {
        let inbox = URL(fileURLWithPath: "/tmp/ctriage-inbox-dicom-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: inbox) }
        let files = try DICOMWebFixture.series("explicit_be")
        try await TestPostgres.withPool(maxConnections: 4) { pool in
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: InboxWatcherTests.migrations))
            try await pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1')")
            let ingest = StudyIngest(pool: pool, router: TriageRouter())
            let watcher = InboxWatcher(
                directory: inbox, ingest: ingest, dicomStaging: DICOMStaging(pool: pool, logger: TestPostgres.logger),
                logger: TestPostgres.logger)
            for (index, file) in files.enumerated() {
                // Half named .dcm, half without an extension (found by the preamble).
                let name = index.isMultiple(of: 2) ? "MSK-01__im\(index).dcm" : "MSK-01__im\(index)"
                try Data(file).write(to: inbox.appendingPathComponent(name))
            }
            try Data(try DICOMWebFixture.malformed("non_ct")).write(to: inbox.appendingPathComponent("MSK-01__mr.dcm"))
            try Data(files[0]).write(to: inbox.appendingPathComponent("nameless.dcm"))
            let outcomes = await watcher.scanOnce()
            let staged = outcomes.filter { outcome -> Bool in
                if case .staged = outcome.disposition { return true }
                return false
            }
            #expect(staged.count == files.count)
            let rejected = Set(outcomes.compactMap { outcome -> String? in
                if case .rejected = outcome.disposition { return outcome.fileName }
                return nil
            })
            #expect(rejected == ["MSK-01__mr.dcm", "nameless.dcm"], "\(outcomes)")
            let reason = try String(contentsOf: inbox.appendingPathComponent("rejected/MSK-01__mr.dcm.reason.txt"), encoding: .utf8)
            #expect(reason.hasPrefix("dicom_122"), "\(reason)")
            #expect(try await pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == files.count)
            let assembler = DICOMSeriesAssembler(pool: pool, ingest: ingest, stableSeconds: 0.05, logger: TestPostgres.logger)
            guard case .assembled = try await DICOMWebFixture.assembleNext(assembler) else {
                Issue.record("the inbox series was not assembled")
                return
            }
            #expect(try await pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 1)
        }
    }
}
