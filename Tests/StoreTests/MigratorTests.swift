import Foundation
import Postgres
import Store
import TestSupport
import Testing

@Suite("Migrations")
struct MigratorTests {
    static let first = Migration(version: 1, name: "people", sql: "CREATE TABLE people (id int PRIMARY KEY, name text);")
    static let second = Migration(version: 2, name: "people_age", sql: "ALTER TABLE people ADD COLUMN age int;")

    @Test("applies in order once, records checksums, and a second run applies nothing")
    func appliesOnce() async throws {
        try await TestPostgres.withPool { pool in
            let migrator = Migrator(pool: pool, logger: TestPostgres.logger)
            #expect(try await migrator.migrate([Self.second, Self.first].sorted { $0.version < $1.version }) == [1, 2])
            #expect(try await migrator.migrate([Self.first, Self.second]) == [])
            let rows = try await pool.query("SELECT version, checksum FROM schema_migrations ORDER BY version")
            #expect(try rows.map { try $0.decode(Int.self, at: 0) } == [1, 2])
            #expect(try rows[0].decode(String.self, at: 1) == Self.first.checksum)
            try await pool.query("INSERT INTO people (id, name, age) VALUES (1, 'x', 40)")
        }
    }

    @Test("an edited, already-applied file is refused with an error naming the file")
    func checksumRefusal() async throws {
        try await TestPostgres.withPool { pool in
            let migrator = Migrator(pool: pool, logger: TestPostgres.logger)
            try await migrator.migrate([Self.first])
            var edited = Self.first
            edited.sql += "\n-- tweak"
            let error = await #expect(throws: MigrationError.self) { try await migrator.migrate([edited, Self.second]) }
            #expect(error?.code == .checksumMismatch)
            #expect(error?.message.contains("0001_people.sql") == true)
            let applied = try await pool.query("SELECT count(*) FROM schema_migrations").first!.decode(Int.self, at: 0)
            #expect(applied == 1)
        }
    }

    @Test("a failing migration is rolled back whole; earlier ones stay applied")
    func failingMigrationRollsBack() async throws {
        try await TestPostgres.withPool { pool in
            let broken = Migration(version: 2, name: "broken", sql: "CREATE TABLE half (id int); SELECT no_such_function();")
            let migrator = Migrator(pool: pool, logger: TestPostgres.logger)
            let error = await #expect(throws: MigrationError.self) { try await migrator.migrate([Self.first, broken]) }
            #expect(error?.code == .failed)
            #expect(error?.message.contains("0002_broken.sql") == true)
            let tables = try await pool.query("SELECT count(*) FROM pg_tables WHERE tablename IN ('people', 'half')")
            #expect(try tables.first!.decode(Int.self, at: 0) == 1)
        }
    }

    @Test("two migrators running at once apply each file exactly once")
    func concurrentMigrators() async throws {
        try await TestPostgres.withDatabase { configuration in
            let slow = Migration(version: 1, name: "slow", sql: "SELECT pg_sleep(0.5); CREATE TABLE once (id int);")
            let pools = (0..<3).map { _ in PostgresPool(configuration: configuration, logger: TestPostgres.logger) }
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for pool in pools {
                    group.addTask { try await Migrator(pool: pool, logger: TestPostgres.logger).migrate([slow, Self.second.renamedTable()]) }
                }
                var all: [Int] = []
                for try await versions in group { all += versions }
                return all
            }
            #expect(applied.sorted() == [1, 2])
            for pool in pools { await pool.close() }
        }
    }

    @Test("a database with a migration unknown to this build is refused")
    func unknownApplied() async throws {
        try await TestPostgres.withPool { pool in
            let migrator = Migrator(pool: pool, logger: TestPostgres.logger)
            try await migrator.migrate([Self.first, Self.second])
            let error = await #expect(throws: MigrationError.self) { try await migrator.migrate([Self.first]) }
            #expect(error?.code == .unknownApplied)
        }
    }

    @Test("loading a folder: sorted by version, misnamed or duplicate files refused")
    func loading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "B".write(to: folder.appendingPathComponent("0002_b.sql"), atomically: true, encoding: .utf8)
        try "A".write(to: folder.appendingPathComponent("0001_a.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try Migration.load(from: folder).map(\.fileName) == ["0001_a.sql", "0002_b.sql"])

        try "C".write(to: folder.appendingPathComponent("0002_c.sql"), atomically: true, encoding: .utf8)
        #expect { try Migration.load(from: folder) } throws: { ($0 as? MigrationError)?.code == .duplicateVersion }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("0002_c.sql"))

        try "D".write(to: folder.appendingPathComponent("3_d.sql"), atomically: true, encoding: .utf8)
        #expect { try Migration.load(from: folder) } throws: {
            ($0 as? MigrationError)?.code == .badFileName && "\($0)".contains("3_d.sql")
        }
    }

    @Test("the project's own migrations apply cleanly to an empty database")
    func projectMigrations() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        let migrations = try Migration.load(from: folder)
        #expect(!migrations.isEmpty)
        try await TestPostgres.withPool { pool in
            let applied = try await Migrator(pool: pool, logger: TestPostgres.logger).migrate(migrations)
            #expect(applied == migrations.map(\.version))
        }
    }
}

extension Migration {
    fileprivate func renamedTable() -> Migration {
        Migration(version: 2, name: "once_more", sql: "ALTER TABLE once ADD COLUMN note text;")
    }
}
