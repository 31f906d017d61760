import Foundation
import Postgres
import TestSupport
import Testing

extension DaemonProcessTests {
    @Test(
        "an inbox on a read-only file system: a clear error in the log, /health 200, files left in place, taken once writable",
        .enabled(if: ScratchMount.isPermitted, ScratchMount.skipComment))
    func readOnlyInbox() async throws {
        let mount = try ScratchMount(sizeKB: 1024)
        defer { mount.unmount() }
        // Files arrive, then the folder goes read-only before the daemon gets to them: both happen before it
        // starts, since a daemon polling every 0.2 s could take a file between the two (it did, in a loaded CI run).
        let names = try Self.dropStudies(in: mount.directory, seeds: [7001, 7002])
        try mount.remount(readOnly: true)
        try await withInboxDaemon(inbox: mount.directory) { db, daemon, port, log in
            let logged = try await poll(seconds: 60) {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                return text.contains("the inbox folder cannot be processed") && text.contains("Read-only file system") ? true : nil
            }
            #expect(logged == true, "no clear error in the log: \(Self.tail(log))")
            #expect(await health(port: port) == 200)
            #expect(daemon.isRunning)
            #expect(Self.names(in: mount.directory).isSuperset(of: names), "the files must stay where they are")
            #expect(try await db.count("SELECT count(*) FROM studies") == 0)

            try mount.remount(readOnly: false)
            let taken = try await poll(seconds: 60) { Self.names(in: mount.directory.appendingPathComponent("done")) == names ? true : nil }
            #expect(taken == true, "files not taken once the folder is writable: \(Self.tail(log))")
            #expect(try await db.count("SELECT count(*) FROM studies") == names.count)
        }
    }

    @Test(
        "an inbox file system out of space: files ingested but not movable stay, nothing twice, the daemon stays up; all moved once there is room",
        .enabled(if: ScratchMount.isPermitted, ScratchMount.skipComment))
    func fullInbox() async throws {
        let mount = try ScratchMount(sizeKB: 1024, inodes: 64)
        defer { mount.unmount() }
        for folder in ["done", "rejected"] {
            try FileManager.default.createDirectory(at: mount.directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let names = try Self.dropStudies(in: mount.directory, seeds: [7101, 7102])
        let bad = "MSK-01__P-7103__broken.nii.gz"
        try Data([1, 2, 3, 4]).write(to: mount.directory.appendingPathComponent(bad))
        // Moving into done/ makes a hard link, which on tmpfs needs an inode: none left.
        let fillers = mount.exhaustInodes()
        #expect(!fillers.isEmpty)
        try await withInboxDaemon(inbox: mount.directory) { db, daemon, port, log in
            let stuck = try await poll(seconds: 60) {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                let scans = text.components(separatedBy: "cannot be moved to done/").count - 1
                return scans >= 4 && text.contains("cannot be moved to rejected/") && text.contains("No space left on device") ? true : nil
            }
            #expect(stuck == true, "no clear error in the log: \(Self.tail(log))")
            #expect(await health(port: port) == 200)
            #expect(daemon.isRunning)
            #expect(Self.names(in: mount.directory).isSuperset(of: names.union([bad])), "the files must stay where they are")
            // Scanned again and again, each study is still stored once.
            #expect(try await db.count("SELECT count(*) FROM studies") == names.count)

            for filler in fillers { try? FileManager.default.removeItem(at: filler) }
            let moved = try await poll(seconds: 60) {
                Self.names(in: mount.directory.appendingPathComponent("done")) == names
                    && Self.names(in: mount.directory.appendingPathComponent("rejected")) == [bad, "\(bad).reason.txt"] ? true : nil
            }
            #expect(moved == true, "files not moved once there was room: \(Self.tail(log))")
            #expect(try await db.count("SELECT count(*) FROM studies") == names.count)
        }
    }

    /// A daemon watching `inbox` (polled every 0.2 s) on a fresh migrated database with clinic MSK-01.
    func withInboxDaemon(
        inbox: URL, _ body: (FaultDatabase, Process, Int, URL) async throws -> Void
    ) async throws {
        try await TestPostgres.withDatabase(maxConnections: 2) { database in
            let pool = PostgresPool(configuration: database, logger: TestPostgres.logger)
            defer { Task { await pool.close() } }
            let db = try await FaultDatabase.prepare(pool: pool, radiologists: 1)
            let run = "ctriage-inbox-\(UUID().uuidString.prefix(8))"
            let stateDir = URL(fileURLWithPath: "/tmp/\(run)")
            let log = URL(fileURLWithPath: "/tmp/\(run).log")
            defer {
                try? FileManager.default.removeItem(at: stateDir)
                try? FileManager.default.removeItem(at: log)
            }
            let port = Self.freePort()
            let daemon = try startServe(stateDir: stateDir, port: port, log: log, environment: [
                "DATABASE_URL": database.connectionString, "CTRIAGE_ESTIMATION_WORKERS": "1",
                "CTRIAGE_INBOX_DIR": inbox.path, "CTRIAGE_INBOX_POLL_SECONDS": "0.2",
            ])
            defer { if daemon.isRunning { daemon.terminate() } }  // a failed expectation must not leave a daemon behind
            try await waitForHealth(port: port, process: daemon, log: log)
            try await body(db, daemon, port, log)
            try await stopWithSIGINT(daemon)
        }
    }

    static func dropStudies(in folder: URL, seeds: [UInt64]) throws -> Set<String> {
        var names: Set<String> = []
        for seed in seeds {
            let name = "MSK-01__P-\(seed)__chest.nii.gz"
            try Data(try FaultDatabase.studyBytes(seed: seed, size: 32, slices: 4)).write(to: folder.appendingPathComponent(name))
            names.insert(name)
        }
        return names
    }

    /// Regular files directly in `folder` (no sub-folders, no hidden fillers).
    static func names(in folder: URL) -> Set<String> {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(all.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        })
    }
}
