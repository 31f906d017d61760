import Logging
import NIOPosix
import Postgres

extension EmbeddedCluster {
    /// Creates `name` unless it exists. Names are identifiers chosen by our code (CREATE DATABASE takes no
    /// parameters), so they are checked rather than quoted.
    public func createDatabaseIfMissing(_ name: String) async throws {
        guard name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }), !name.isEmpty else {
            throw PostgresError(code: .invalidParameter, message: "database name \"\(name)\" must be [a-z0-9_]+")
        }
        let pool = PostgresPool(
            configuration: PostgresConfiguration(connectionString: connectionString(), maxConnections: 1), logger: logger)
        defer { Task { await pool.close() } }
        let exists = try await pool.query("SELECT 1 FROM pg_database WHERE datname = \(name)").count > 0
        if !exists {
            try await pool.withConnection { try await $0.execute(script: "CREATE DATABASE \(name)") }
        }
        await pool.close()
    }
}
