import Logging
import Postgres

/// Applies migrations under a session advisory lock, so concurrent migrators (several daemons starting at
/// once) apply each file exactly once; each file runs in its own transaction together with its
/// `schema_migrations` row.
public struct Migrator: Sendable {
    /// Arbitrary constant naming our advisory lock ("ctriage" in ASCII).
    static let lockKey: Int64 = 0x63_74_72_69_61_67_65

    let pool: PostgresPool
    let logger: Logger

    public init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Applies what is missing and returns the versions applied now.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [Int] {
        try await pool.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                let applied = try await apply(migrations, on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    private func apply(_ migrations: [Migration], on connection: PostgresConnection) async throws -> [Int] {
        try await connection.execute(script: """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        var recorded: [Int: (name: String, checksum: String)] = [:]
        for row in try await connection.query("SELECT version, name, checksum FROM schema_migrations") {
            let (version, name, checksum) = try row.decode((Int, String, String).self)
            recorded[version] = (name, checksum)
        }
        let known = Set(migrations.map(\.version))
        if let unknown = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw MigrationError(
                code: .unknownApplied,
                message: "the database has migration \(unknown) (\(recorded[unknown]!.name)) that this build does not have")
        }
        var appliedNow: [Int] = []
        for migration in migrations {
            if let existing = recorded[migration.version] {
                guard existing.checksum == migration.checksum else {
                    throw MigrationError(
                        code: .checksumMismatch,
                        message: "\(migration.fileName) was edited after it was applied (checksum \(existing.checksum.prefix(12))… "
                            + "in the database, \(migration.checksum.prefix(12))… on disk); add a new migration instead")
                }
                continue
            }
            try await applyOne(migration, on: connection)
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    private func applyOne(_ migration: Migration, on connection: PostgresConnection) async throws {
        logger.info("applying migration", metadata: ["migration": "\(migration.fileName)"])
        try await connection.execute(script: "BEGIN")
        do {
            try await connection.execute(script: migration.sql)
            try await connection.query("""
                INSERT INTO schema_migrations (version, name, checksum)
                VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                """)
            try await connection.execute(script: "COMMIT")
        } catch {
            try? await connection.execute(script: "ROLLBACK")
            throw MigrationError(code: .failed, message: "\(migration.fileName) failed and was rolled back: \(error)")
        }
    }
}
