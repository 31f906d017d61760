import Foundation

/// Where the PostgreSQL server programs (`initdb`, `postgres`) live: `pg_config --bindir` when it names a
/// folder that has them, else the newest `/usr/lib/postgresql/<version>/bin` (Debian's layout).
public struct PostgresBinaries: Sendable, Equatable {
    public var directory: URL

    public var initdb: URL { directory.appendingPathComponent("initdb") }
    public var postgres: URL { directory.appendingPathComponent("postgres") }

    public init(directory: URL) { self.directory = directory }

    public static func locate() throws -> PostgresBinaries {
        var candidates: [URL] = []
        if let output = try? ChildProcess.output(of: "/usr/bin/env", ["pg_config", "--bindir"]) {
            let path = output.trimmingCharacters(in: .whitespacesAndNewlines)
            if !path.isEmpty { candidates.append(URL(fileURLWithPath: path)) }
        }
        let debianRoot = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot.path)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            candidates.append(debianRoot.appendingPathComponent(version).appendingPathComponent("bin"))
        }
        for candidate in candidates {
            let binaries = PostgresBinaries(directory: candidate)
            if FileManager.default.isExecutableFile(atPath: binaries.initdb.path),
                FileManager.default.isExecutableFile(atPath: binaries.postgres.path)
            {
                return binaries
            }
        }
        throw EmbeddedPostgresError(
            code: .binariesNotFound,
            message: "PostgreSQL server programs (initdb, postgres) not found via `pg_config --bindir` or "
                + "/usr/lib/postgresql/*/bin; install the `postgresql` package")
    }
}
