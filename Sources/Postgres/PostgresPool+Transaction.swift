extension PostgresPool {
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` inside BEGIN … COMMIT on one connection; any error thrown rolls the transaction back and is
    /// rethrown. A failed ROLLBACK (e.g. the connection died) leaves the connection to be discarded by the pool.
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.execute(script: "BEGIN ISOLATION LEVEL \(isolation.rawValue)")
            let value: T
            do {
                value = try await body(connection)
            } catch {
                try? await connection.execute(script: "ROLLBACK")
                throw error
            }
            try await connection.execute(script: "COMMIT")
            return value
        }
    }

    /// Sends a notification to `channel` (delivered to listeners when the surrounding transaction commits).
    public func notify(channel: String, payload: String = "") async throws {
        try await query("SELECT pg_notify(\(channel), \(payload))")
    }
}
