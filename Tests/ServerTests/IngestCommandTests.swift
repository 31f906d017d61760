import Foundation
import Postgres
import Store
import TestSupport
import Testing

/// Runs the real `ctriage ingest` binary against a test database, as a script would.
@Suite("ctriage ingest as a process")
struct IngestCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try DaemonProcessTests.binary()
        process.arguments = ["ingest"] + arguments
        process.currentDirectoryURL = DaemonProcessTests.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("prints created, existing and rejected lines, and exits 1 when a file is refused")
    func createdExistingRejected() async throws {
        let folder = URL(fileURLWithPath: "/tmp/ctriage-ingest-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("a.nii.gz").path
        let bad = folder.appendingPathComponent("b.nii.gz").path
        try Data(try InboxWatcherTests.volume(seed: 21)).write(to: URL(fileURLWithPath: good))
        try Data("not a volume".utf8).write(to: URL(fileURLWithPath: bad))

        try await TestPostgres.withDatabase { configuration in
            let pool = PostgresPool(configuration: configuration, logger: TestPostgres.logger)
            try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(try Migration.load(from: InboxWatcherTests.migrations))
            try await pool.query("INSERT INTO clinics (code, name) VALUES ('MSK-01', 'CT centre 1')")
            let common = ["--clinic", "MSK-01", "--patient", "P-0001", "--database-url", configuration.connectionString]

            let first = try run([good] + common + ["--setting", "inpatient", "--acquired-at", "2026-03-01T09:30:00Z"])
            #expect(first.status == 0)
            let created = first.output.split(separator: "\n")
            #expect(created.count == 1 && created.first?.hasPrefix("created ") == true && created.first?.hasSuffix(" \(good)") == true)
            let id = created.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""

            let second = try run([good, bad] + common)
            #expect(second.status == 1)
            let lines = second.output.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines.first == "existing \(id) \(good)")
            #expect(lines.last?.hasPrefix("rejected \(bad): not a readable NIfTI volume") == true)
            let setting = try await pool.scalar("SELECT setting || ' ' || public_id::text FROM studies", as: String.self)
            #expect(setting == "inpatient \(id)")
            let actor = try await pool.scalar("SELECT actor FROM audit_events WHERE action = 'study.ingest'", as: String.self)
            #expect(actor == "cli")
            await pool.close()
        }
    }
}
