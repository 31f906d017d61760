import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Bound parameters and decoding")
struct QueryBindingTests {
    static let hostileStrings = [
        "O'Brien", "\\", "\\x00", "'; DROP TABLE patients; --", "\"quoted\"", "$1", "Пациент 陈 🫁", "line\nbreak\ttab",
        String(repeating: "long ", count: 10_000), "",
    ]

    @Test("hostile strings round-trip unchanged and never run as SQL", arguments: hostileStrings)
    func hostileStringRoundTrip(value: String) async throws {
        try await TestPostgres.withPool { pool in
            try await pool.query("CREATE TABLE notes (body text NOT NULL)")
            try await pool.query("INSERT INTO notes (body) VALUES (\(value))")
            let rows = try await pool.query("SELECT body, length(body) FROM notes WHERE body = \(value)")
            #expect(rows.count == 1)
            #expect(try rows[0].decode(String.self, at: 0) == value)
            #expect(try rows[0].decode(Int.self, at: 1) == value.count)
            let scalar = try await pool.scalar("SELECT count(*) FROM notes", as: Int.self)
            #expect(scalar == 1)
        }
    }

    @Test("a NUL byte in a text parameter is rejected with a clear error")
    func nulByteRejected() async throws {
        try await TestPostgres.withPool { pool in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query("SELECT \("before\u{0}after")::text")
            }
            #expect(error?.code == .invalidParameter)
            #expect(error?.message.contains("parameter $1 contains a NUL byte") == true)
            // The connection is still usable afterwards.
            let scalar = try await pool.scalar("SELECT 1", as: Int.self)
            #expect(scalar == 1)
        }
    }

    @Test("NULL binds and decodes as nil; decoding NULL into a non-optional names the column")
    func nulls() async throws {
        try await TestPostgres.withPool { pool in
            let missing: Int? = nil
            let row = try #require(try await pool.query("SELECT \(missing)::int8 AS absent, 5 AS present").first)
            #expect(try row.decode(Int?.self, column: "absent") == nil)
            #expect(try row.decode(Int?.self, column: "present") == 5)
            let error = #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "absent") }
            #expect(error?.code == .decoding)
            #expect(error?.message.contains("\"absent\"") == true)
        }
    }

    struct Payload: Codable, Equatable, Sendable {
        var category: String
        var involvement: Double
        var flags: [String]
    }

    @Test("every supported type round-trips")
    func typeRoundTrip() async throws {
        try await TestPostgres.withPool { pool in
            let date = Date(timeIntervalSince1970: 1_764_300_000.123456)
            let uuid = UUID()
            let bytes: [UInt8] = Array(0...255)
            let payload = Payload(category: "CT-2", involvement: 31.5, flags: ["thick_slices"])
            let row = try #require(try await pool.query("""
                SELECT \(Int.max), \(Int16.min), \(Int32.max), \(Int64.min), \(3.141592653589793), \(false), \("tëxt"),
                       \(date), \(uuid), \(bytes), \(Data([1, 2, 3])), \(PostgresJSON(payload)), \(Double.infinity), \(Double.nan)
                """).first)
            #expect(try row.decode(Int.self, at: 0) == Int.max)
            #expect(try row.decode(Int16.self, at: 1) == Int16.min)
            #expect(try row.decode(Int32.self, at: 2) == Int32.max)
            #expect(try row.decode(Int64.self, at: 3) == Int64.min)
            #expect(try row.decode(Double.self, at: 4) == 3.141592653589793)
            #expect(try row.decode(Bool.self, at: 5) == false)
            #expect(try row.decode(String.self, at: 6) == "tëxt")
            let decodedDate = try row.decode(Date.self, at: 7)
            #expect(abs(decodedDate.timeIntervalSince(date)) < 0.000_001)
            #expect(try row.decode(UUID.self, at: 8) == uuid)
            #expect(try row.decode([UInt8].self, at: 9) == bytes)
            #expect(try row.decode(Data.self, at: 10) == Data([1, 2, 3]))
            #expect(try row.decode(PostgresJSON<Payload>.self, at: 11).value == payload)
            #expect(try row.decode(Double.self, at: 12) == .infinity)
            #expect(try row.decode(Double.self, at: 13).isNaN)
        }
    }

    @Test("timestamptz from other time zones and before 1970 decodes to the same instant")
    func timestampZones() async throws {
        try await TestPostgres.withPool { pool in
            let row = try #require(try await pool.query("""
                SELECT '2020-04-01 12:00:00+03'::timestamptz, '1969-12-31 23:59:59.5+00'::timestamptz
                """).first)
            #expect(try row.decode(Date.self, at: 0) == Date(timeIntervalSince1970: 1_585_731_600))
            #expect(try row.decode(Date.self, at: 1) == Date(timeIntervalSince1970: -0.5))
        }
    }

    @Test("decoding the wrong type fails with the column named")
    func wrongType() async throws {
        try await TestPostgres.withPool { pool in
            let row = try #require(try await pool.query("SELECT 'abc' AS word, 99999 AS big").first)
            #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "word") }
            #expect(throws: PostgresError.self) { try row.decode(Int16.self, column: "big") }
            #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "nope") }
        }
    }

    @Test("a 20 MB bytea round-trips intact")
    func largeBytea() async throws {
        try await TestPostgres.withPool { pool in
            var generator = SystemRandomNumberGenerator()
            let words = (0..<(20 * 1024 * 1024 / 8)).map { _ in generator.next() as UInt64 }
            let blob = words.withUnsafeBytes { Array($0) }
            try await pool.query("CREATE TABLE blobs (id int PRIMARY KEY, data bytea NOT NULL)")
            try await pool.query("INSERT INTO blobs VALUES (1, \(blob))")
            let row = try #require(try await pool.query("SELECT data, octet_length(data) FROM blobs WHERE id = 1").first)
            #expect(try row.decode(Int.self, at: 1) == blob.count)
            #expect(try row.decode([UInt8].self, at: 0) == blob)
        }
    }

    @Test("a URI connection string works as well as key=value")
    func uriConnectionString() async throws {
        try await TestPostgres.withDatabase { configuration in
            var uriConfiguration = configuration
            let parts = Dictionary(configuration.connectionString.split(separator: " ").compactMap { pair -> (String, String)? in
                let kv = pair.split(separator: "=", maxSplits: 1)
                return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
            }, uniquingKeysWith: { $1 })
            let host = try #require(parts["host"]), db = try #require(parts["dbname"])
            let user = try #require(parts["user"]), port = try #require(parts["port"])
            uriConfiguration.connectionString = "postgresql://\(user)@/\(db)?host=\(host)&port=\(port)"
            let pool = PostgresPool(configuration: uriConfiguration, logger: TestPostgres.logger)
            let scalar = try await pool.scalar("SELECT current_database()", as: String.self)
            #expect(scalar == db)
            await pool.close()
        }
    }
}
