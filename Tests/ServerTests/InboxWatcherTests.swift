import Foundation
import Postgres
import Server
import Store
import TestSupport
import Testing
import Triage
import VolumeIO

@Suite("Inbox watcher")
struct InboxWatcherTests {
    /// A temporary inbox folder and a watcher over a migrated database with clinic MSK-01.
    struct Fixture {
        let pool: PostgresPool
        let inbox: URL
        let watcher: InboxWatcher

        func drop(_ name: String, _ bytes: [UInt8], modified: Date? = nil) throws {
            let url = inbox.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path) }
        }

        func names(_ folder: String = "") -> Set<String> {
            let url = folder.isEmpty ? inbox : inbox.appendingPathComponent(folder)
            return Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).subtracting(folder.isEmpty ? ["done", "rejected"] : [])
        }

        func reason(_ name: String) -> String {
            (try? String(contentsOf: inbox.appendingPathComponent("rejected/\(name).reason.txt"), encoding: .utf8)) ?? ""
        }

        func studies() async throws -> Int { try await pool.scalar("SELECT count(*) FROM studies", as: Int.self) }
    }

    static let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Migrations")

    func withInbox(defaultClinic: String? = nil, pollInterval: Duration = .seconds(2), _ body: (Fixture) async throws -> Void) async throws {
        let inbox = URL(fileURLWithPath: "/tmp/ctriage-inbox-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: inbox) }
        try await TestPostgres.withPool(maxConnections: 4) { pool in
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: Self.migrations))
            try await pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1')")
            let watcher = InboxWatcher(
                directory: inbox, defaultClinic: defaultClinic, pollInterval: pollInterval, ingest: StudyIngest(pool: pool, router: TriageRouter()),
                logger: TestPostgres.logger)
            try await body(Fixture(pool: pool, inbox: inbox, watcher: watcher))
        }
    }

    /// A small valid gzipped NIfTI volume whose content varies with `seed`.
    static func volume(seed: Int16) throws -> [UInt8] {
        let dims = SIMD3(8, 8, 4)
        let voxels = (0..<(dims.x * dims.y * dims.z)).map { Int16(truncatingIfNeeded: $0 * 7) &- 1000 &+ seed }
        let volume = Volume(dims: dims, spacing: SIMD3(0.7, 0.7, 8), affine: .diagonal(SIMD3(0.7, 0.7, 8)), voxels: voxels)
        return try NIfTIWriter().gzippedNIfTI(volume)
    }

    @Test("a valid file becomes a study and moves to done/; the same bytes again make no second study")
    func createdThenDuplicate() async throws {
        try await withInbox { f in
            let bytes = try Self.volume(seed: 1)
            try f.drop("MSK-01__P-0001__chest.nii.gz", bytes)
            let first = await f.watcher.scanOnce()
            guard case .done(let publicID, created: true)? = first.first?.disposition, first.count == 1 else {
                Issue.record("expected one created study, got \(first)")
                return
            }
            #expect(f.names() == [])
            #expect(f.names("done") == ["MSK-01__P-0001__chest.nii.gz"])
            let stored = try await f.pool.scalar("SELECT public_id FROM studies", as: UUID.self)
            #expect(stored == publicID)
            let actor = try await f.pool.scalar("SELECT actor FROM audit_events WHERE action = 'study.ingest'", as: String.self)
            #expect(actor == "inbox")

            try f.drop("MSK-01__P-0001__chest-copy.nii.gz", bytes)
            let second = await f.watcher.scanOnce()
            #expect(second == [.init(fileName: "MSK-01__P-0001__chest-copy.nii.gz", disposition: .done(publicID: publicID, created: false))])
            #expect(f.names("done") == ["MSK-01__P-0001__chest.nii.gz", "MSK-01__P-0001__chest-copy.nii.gz"])
            #expect(try await f.studies() == 1)
        }
    }

    @Test("a corrupt file moves to rejected/ with a reason naming the problem, and nothing is stored")
    func corruptFile() async throws {
        try await withInbox { f in
            let good = try Self.volume(seed: 2)
            try f.drop("MSK-01__P-0001__cut.nii.gz", Array(good.prefix(good.count - 10)))
            let outcomes = await f.watcher.scanOnce()
            #expect(outcomes.map(\.disposition) == [.rejected(code: "invalidVolume")])
            #expect(f.names("rejected") == ["MSK-01__P-0001__cut.nii.gz", "MSK-01__P-0001__cut.nii.gz.reason.txt"])
            let reason = f.reason("MSK-01__P-0001__cut.nii.gz")
            #expect(reason.hasPrefix("invalidVolume: not a readable NIfTI volume"))
            #expect(try await f.studies() == 0)
        }
    }

    @Test(
        "bad names and unknown clinics are rejected with their reason",
        arguments: [
            ("no-separators.nii.gz", "invalidFileName"),
            ("MSK-01__P-0001__scan.txt", "invalidFileName"),
            ("MSK-01__P-0001__a..b.nii.gz", "invalidFileName"),
            ("MSK-01____scan.nii.gz", "invalidFileName"),
            ("NOPE__P-0001__scan.nii.gz", "unknownClinic"),
            ("MSK-01__Ivan Petrov__scan.nii.gz", "invalidPatient"),
        ])
    func badNames(name: String, code: String) async throws {
        try await withInbox { f in
            try f.drop(name, try Self.volume(seed: 3))
            let outcomes = await f.watcher.scanOnce()
            #expect(outcomes == [.init(fileName: name, disposition: .rejected(code: code))])
            #expect(f.names("rejected") == [name, "\(name).reason.txt"])
            #expect(f.reason(name).hasPrefix("\(code): "))
            #expect(!f.reason(name).contains("P-0001"), "reasons never repeat the pseudonym")
        }
    }

    @Test("files still being written (.tmp, .part) and hidden files are left alone")
    func ignoredFiles() async throws {
        try await withInbox { f in
            let bytes = try Self.volume(seed: 4)
            for name in ["MSK-01__P-0001__a.nii.gz.tmp", "MSK-01__P-0001__b.nii.gz.part", ".MSK-01__P-0001__c.nii.gz", "x.TMP"] {
                try f.drop(name, bytes)
            }
            #expect(await f.watcher.scanOnce() == [])
            #expect(f.names().count == 4)
            #expect(f.names("done").isEmpty && f.names("rejected").isEmpty)
            #expect(try await f.studies() == 0)
        }
    }

    @Test("a name already taken in done/ or rejected/ gets a numeric suffix; nothing is overwritten")
    func collisionSuffix() async throws {
        try await withInbox { f in
            let name = "MSK-01__P-0001__scan.nii.gz"
            try f.drop(name, try Self.volume(seed: 5))
            _ = await f.watcher.scanOnce()
            try f.drop(name, try Self.volume(seed: 5))
            _ = await f.watcher.scanOnce()
            try f.drop(name, try Self.volume(seed: 6))
            _ = await f.watcher.scanOnce()
            #expect(f.names("done") == [name, "MSK-01__P-0001__scan.1.nii.gz", "MSK-01__P-0001__scan.2.nii.gz"])
            #expect(try await f.studies() == 2)
            let kept = try Data(contentsOf: f.inbox.appendingPathComponent("done/\(name)"))
            #expect(Array(kept) == (try Self.volume(seed: 5)), "the first file in done/ is untouched")

            try f.drop("bad.nii.gz", [1, 2, 3])
            _ = await f.watcher.scanOnce()
            try f.drop("bad.nii.gz", [1, 2, 3])
            _ = await f.watcher.scanOnce()
            #expect(f.names("rejected") == ["bad.nii.gz", "bad.nii.gz.reason.txt", "bad.1.nii.gz", "bad.1.nii.gz.reason.txt"])
        }
    }

    @Test("a symbolic link is rejected without being followed")
    func symbolicLink() async throws {
        try await withInbox { f in
            let target = f.inbox.appendingPathComponent("done/elsewhere.nii.gz")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(try Self.volume(seed: 11)).write(to: target)
            try FileManager.default.createSymbolicLink(
                atPath: f.inbox.appendingPathComponent("MSK-01__P-0001__link.nii.gz").path, withDestinationPath: target.path)
            let outcomes = await f.watcher.scanOnce()
            #expect(outcomes.map(\.disposition) == [.rejected(code: "notRegularFile")])
            #expect(try await f.studies() == 0)
            #expect(FileManager.default.fileExists(atPath: target.path), "the link's target is not touched")
        }
    }

    @Test("run() picks files up at each poll and returns when cancelled")
    func runLoop() async throws {
        try await withInbox(pollInterval: .milliseconds(100)) { f in
            let watcher = f.watcher
            let running = Task { try await watcher.run() }
            try f.drop("MSK-01__P-0001__polled.nii.gz", try Self.volume(seed: 12))
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while f.names("done").isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(f.names("done") == ["MSK-01__P-0001__polled.nii.gz"])
            running.cancel()
            try await running.value
            #expect(try await f.studies() == 1)
        }
    }

    @Test("files are processed oldest first, and a default clinic takes <patient>__<anything> names")
    func orderAndDefaultClinic() async throws {
        try await withInbox(defaultClinic: "MSK-01") { f in
            let now = Date()
            // The reader goes by content, not extension: gzipped bytes in a .nii are fine.
            try f.drop("P-0002__newer.nii", try Self.volume(seed: 7), modified: now.addingTimeInterval(-10))
            try f.drop("MSK-01__P-0001__older.nii.gz", try Self.volume(seed: 8), modified: now.addingTimeInterval(-100))
            let outcomes = await f.watcher.scanOnce()
            #expect(outcomes.map(\.fileName) == ["MSK-01__P-0001__older.nii.gz", "P-0002__newer.nii"])
            let patients = try await f.pool.query("SELECT pseudonym FROM patients ORDER BY id").map { try $0.decode(String.self, at: 0) }
            #expect(patients == ["P-0001", "P-0002"])
        }
    }

    @Test("while the database is unavailable the file stays in the inbox; a missing inbox folder is survived")
    func databaseUnavailable() async throws {
        let inbox = URL(fileURLWithPath: "/tmp/ctriage-inbox-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: inbox) }
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: "host=/nonexistent-socket-dir dbname=none connect_timeout=1", maxConnections: 1,
                checkoutTimeout: .milliseconds(300)),
            logger: TestPostgres.logger)
        let watcher = InboxWatcher(directory: inbox, ingest: StudyIngest(pool: pool, router: TriageRouter()), logger: TestPostgres.logger)
        let names = ["MSK-01__P-0001__a.nii.gz", "MSK-01__P-0001__b.nii.gz"]
        for (index, name) in names.enumerated() {
            try Data(try Self.volume(seed: Int16(9 + index))).write(to: inbox.appendingPathComponent(name))
        }
        let outcomes = await watcher.scanOnce()
        #expect(outcomes.map(\.disposition) == [.deferred], "the scan stops at the first file")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: inbox.path))
        #expect(left == Set(names + ["done", "rejected"]))

        let missing = InboxWatcher(
            directory: inbox.appendingPathComponent("not-there"), ingest: StudyIngest(pool: pool, router: TriageRouter()),
            logger: TestPostgres.logger)
        #expect(await missing.scanOnce() == [])
        await pool.close()
    }
}
