import Crypto
import Postgres

/// Content-addressed bytes in `blobs`: the same bytes are stored once.
public enum BlobStore {
    public static func put(_ bytes: [UInt8], on connection: PostgresConnection) async throws -> Int {
        let digest = Array(SHA256.hash(data: bytes))
        if let id = try await connection.query("""
            INSERT INTO blobs (sha256, byte_count, data) VALUES (\(digest), \(bytes.count), \(bytes))
            ON CONFLICT (sha256) DO NOTHING RETURNING id
            """).first?.decode(Int.self, at: 0) {
            return id
        }
        return try await connection.query("SELECT id FROM blobs WHERE sha256 = \(digest)").first!.decode(Int.self, at: 0)
    }
}
