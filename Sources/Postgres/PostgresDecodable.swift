import Foundation

/// A Swift type that a result column (received in text format) can be decoded into.
public protocol PostgresDecodable: Sendable {
    static func decode(from cell: PostgresCell) throws -> Self
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Wrapped? {
        cell.isNull ? nil : try Wrapped.decode(from: cell)
    }
}

extension String: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> String {
        String(try cell.text())
    }
}

extension FixedWidthInteger where Self: PostgresDecodable {
    static func decodeInteger(from cell: PostgresCell) throws -> Self {
        let bytes = try cell.requireBytes()
        var index = 0
        var negative = false
        if bytes.count > 0, bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        guard index < bytes.count else { throw cell.decodingError("is not an integer") }
        var value: Self = 0
        while index < bytes.count {
            let c = bytes[index]
            guard c >= 48 && c <= 57 else { throw cell.decodingError("is not an integer: \(String(decoding: bytes, as: UTF8.self))") }
            let digit = Self(c - 48)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw cell.decodingError("does not fit in \(Self.self)") }
            value = next
            index += 1
        }
        return value
    }
}

extension Int: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int { try decodeInteger(from: cell) }
}

extension Int64: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int64 { try decodeInteger(from: cell) }
}

extension Int32: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int32 { try decodeInteger(from: cell) }
}

extension Int16: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Int16 { try decodeInteger(from: cell) }
}

extension Double: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Double {
        let text = try cell.text()
        guard let value = Double(text) else { throw cell.decodingError("is not a number: \(text)") }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Bool {
        switch try cell.text() {
        case "t", "true": return true
        case "f", "false": return false
        case let other: throw cell.decodingError("is not a boolean: \(other)")
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> UUID {
        let text = try cell.text()
        guard let uuid = UUID(uuidString: String(text)) else { throw cell.decodingError("is not a UUID: \(text)") }
        return uuid
    }
}

extension Date: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Date {
        let text = try cell.text()
        guard let date = PostgresTimestamp.parse(text) else {
            throw cell.decodingError("is not a timestamp with time zone: \(text)")
        }
        return date
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public static func decode(from cell: PostgresCell) throws -> [UInt8] {
        try PostgresHex.decodeBytea(cell)
    }
}

extension Data: PostgresDecodable {
    public static func decode(from cell: PostgresCell) throws -> Data {
        Data(try PostgresHex.decodeBytea(cell))
    }
}

enum PostgresHex {
    /// Decodes bytea's text output (`\x` + hex, the default since PostgreSQL 9.0).
    static func decodeBytea(_ cell: PostgresCell) throws -> [UInt8] {
        let bytes = try cell.requireBytes()
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            throw cell.decodingError("is not bytea in hex format")
        }
        let count = (bytes.count - 2) / 2
        var failed = false
        let result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                let high = nibble(bytes[2 + 2 * i]), low = nibble(bytes[3 + 2 * i])
                if high > 15 || low > 15 { failed = true }
                buffer[i] = high << 4 | (low & 15)
            }
            initialized = count
        }
        if failed { throw cell.decodingError("has an invalid hex digit") }
        return result
    }

    @inline(__always)
    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return 255
        }
    }
}
