import Postgres

extension PostgresPool {
    /// The first column of the only row `query` returns; fails if there is not exactly one row.
    public func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T {
        let rows = try await self.query(query)
        guard rows.count == 1 else {
            throw PostgresError(code: .decoding, message: "expected exactly one row, got \(rows.count)")
        }
        return try rows[0].decode(T.self, at: 0)
    }
}
