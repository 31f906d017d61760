import Foundation

/// A Swift value that can be sent as a bound parameter.
public protocol PostgresEncodable: Sendable {
    var postgresBind: PostgresBind { get }
}

extension String: PostgresEncodable {
    /// Untyped (OID 0) so the server infers the column's type, as it does for a literal.
    public var postgresBind: PostgresBind { .text(self) }
}

extension Substring: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(String(self)) }
}

extension Int: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(String(self), typeOID: PostgresTypeOID.int8) }
}

extension Int64: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(String(self), typeOID: PostgresTypeOID.int8) }
}

extension Int32: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(String(self), typeOID: PostgresTypeOID.int4) }
}

extension Int16: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(String(self), typeOID: PostgresTypeOID.int2) }
}

extension Double: PostgresEncodable {
    public var postgresBind: PostgresBind {
        let text: String
        if isNaN {
            text = "NaN"
        } else if isInfinite {
            text = self < 0 ? "-Infinity" : "Infinity"
        } else {
            text = "\(self)"
        }
        return .text(text, typeOID: PostgresTypeOID.float8)
    }
}

extension Bool: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(self ? "t" : "f", typeOID: PostgresTypeOID.bool) }
}

extension UUID: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(uuidString.lowercased(), typeOID: PostgresTypeOID.uuid) }
}

extension Date: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(PostgresTimestamp.format(self), typeOID: PostgresTypeOID.timestamptz) }
}

extension Array: PostgresEncodable where Element == UInt8 {
    /// Bytes go in binary format: no escaping, no doubling in size.
    public var postgresBind: PostgresBind { PostgresBind(bytes: self, format: .binary, typeOID: PostgresTypeOID.bytea) }
}

extension Data: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(bytes: Array(self), format: .binary, typeOID: PostgresTypeOID.bytea) }
}

/// A Codable value stored as `jsonb`.
public struct PostgresJSON<Value: Codable & Sendable>: PostgresEncodable, PostgresDecodable {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public var postgresBind: PostgresBind {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding a Codable value to JSON only fails for non-finite floats; store null rather than crash.
        let bytes = (try? encoder.encode(value)).map(Array.init) ?? Array("null".utf8)
        return PostgresBind(bytes: bytes, format: .text, typeOID: PostgresTypeOID.jsonb)
    }

    public static func decode(from cell: PostgresCell) throws -> PostgresJSON<Value> {
        let bytes = try cell.requireBytes()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return PostgresJSON(try decoder.decode(Value.self, from: Data(bytes)))
        } catch {
            throw cell.decodingError("is not valid JSON for \(Value.self): \(error)")
        }
    }
}
