import Foundation

/// A `multipart/related` body (RFC 2046 5.1, RFC 2387) as STOW-RS sends it. Written here rather than with
/// MultipartKit: boundaries from real senders (Orthanc) are longer than the 70 characters RFC 2046 allows, and
/// header bytes must be refused, not trapped on. Every problem is an `APIError` (400), never a crash.
struct MultipartRelated {
    struct Part {
        /// Header names lowercased; values trimmed.
        var headers: [String: String]
        var body: ArraySlice<UInt8>

        /// The part's media type without parameters, lowercased; nil when the part has no Content-Type.
        var mediaType: String? {
            headers["content-type"].map { MediaType(parsing: $0).type }
        }
    }

    /// Longer than RFC 2046's 70: Orthanc's are about that long and others longer; still bounded.
    static let maxBoundaryLength = 200
    static let maxHeaderBytes = 16 * 1024

    var parts: [Part]

    static func parse(_ body: [UInt8], boundary: String) throws -> MultipartRelated {
        let dash = Array("--\(boundary)".utf8)
        let delimiter = [13, 10] + dash
        var position: Int
        if body.starts(with: dash) {
            position = dash.count
        } else if let found = find(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw APIError.badRequest("the multipart body does not contain its boundary")
        }
        var parts: [Part] = []
        while true {
            if body[position...].starts(with: [45, 45]) { break }  // "--": the close delimiter
            while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }  // transport padding
            guard body[position...].starts(with: [13, 10]) else {
                throw APIError.badRequest("the multipart boundary is not followed by a line break")
            }
            position += 2
            let (headers, bodyStart) = try parseHeaders(body, from: position)
            guard let end = find(delimiter, in: body, from: bodyStart) else {
                throw APIError.badRequest("the multipart body ends without its closing boundary (truncated?)")
            }
            parts.append(Part(headers: headers, body: body[bodyStart..<end]))
            position = end + delimiter.count
        }
        return MultipartRelated(parts: parts)
    }

    /// Header lines up to the empty line; bytes must be visible ASCII (or space and tab in values).
    private static func parseHeaders(_ body: [UInt8], from start: Int) throws -> ([String: String], Int) {
        var headers: [String: String] = [:]
        var position = start
        while true {
            guard let lineEnd = find([13, 10], in: body, from: position), lineEnd - start <= maxHeaderBytes else {
                throw APIError.badRequest("a multipart part's headers are unterminated or longer than \(maxHeaderBytes) bytes")
            }
            if lineEnd == position { return (headers, lineEnd + 2) }
            let line = body[position..<lineEnd]
            guard line.allSatisfy({ $0 == 9 || (32...126).contains($0) }) else {
                throw APIError.badRequest("a multipart part header contains bytes that are not ASCII text")
            }
            guard let colon = line.firstIndex(of: 58), colon > position,
                body[position..<colon].allSatisfy({ Self.isTokenByte($0) })
            else {
                throw APIError.badRequest("a multipart part header is not \"Name: value\"")
            }
            let name = String(decoding: body[position..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: body[(colon + 1)..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers[name] = value
            position = lineEnd + 2
        }
    }

    /// RFC 9110 token characters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// The first occurrence of `pattern` at or after `start`: memchr to each candidate first byte, then a compare.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start >= 0, !pattern.isEmpty, bytes.count - start >= pattern.count else { return nil }
        return bytes.withUnsafeBytes { haystack -> Int? in
            pattern.withUnsafeBytes { needle -> Int? in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return nil }
                let last = haystack.count - needle.count
                var index = start
                while index <= last {
                    guard let hit = memchr(base + index, Int32(pattern[0]), last - index + 1) else { return nil }
                    index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, needleBase, needle.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}
