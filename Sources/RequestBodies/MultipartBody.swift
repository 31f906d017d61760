import Foundation

/// A MIME multipart body (RFC 2046 §5.1) split into its parts: the common ground of `multipart/form-data`
/// uploads and DICOMweb `multipart/related` stores (STOW-RS). Our own parser, because a header byte above 0x7F crashed
/// the one we used before (found by fuzzing; see Tests/RequestBodiesTests).
public struct MultipartBody: Sendable {
    public struct Part: Sendable {
        /// Header names as sent (compare them case-insensitively with `header(_:)`).
        public var headers: [(name: String, value: String)]
        public var body: ArraySlice<UInt8>

        public func header(_ name: String) -> String? {
            let wanted = name.lowercased()
            return headers.first { $0.name.lowercased() == wanted }?.value
        }
    }

    /// A part's header block larger than this is not a header block.
    public static let maxHeaderBytes = 16 * 1024

    public var parts: [Part]

    /// Splits `bytes` at `boundary`. The body must close with `--boundary--`: one that stops short was cut off in
    /// transit, and its last part would otherwise be taken as complete.
    public init(parsing bytes: [UInt8], boundary: String) throws(RequestBodyError) {
        guard !boundary.isEmpty else { throw RequestBodyError(.malformed, "the multipart boundary is empty") }
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = [13, 10] + dashBoundary
        var parts: [Part] = []
        // The first boundary may start the body or follow a preamble and a line break.
        var position: Int
        if bytes.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let found = Self.find(delimiter, in: bytes, from: 0) {
            position = found + delimiter.count
        } else {
            throw RequestBodyError(.malformed, "the multipart body does not contain its boundary")
        }
        while true {
            if bytes[position..<min(position + 2, bytes.count)].elementsEqual([45, 45]) {
                self.parts = parts
                return
            }
            position = try Self.skipLineEnd(bytes, from: position)
            let (headers, bodyStart) = try Self.headers(bytes, from: position)
            guard let end = Self.find(delimiter, in: bytes, from: bodyStart) else {
                throw RequestBodyError(.malformed, "the multipart body ends before its closing boundary (was it cut off?)")
            }
            parts.append(Part(headers: headers, body: bytes[bodyStart..<end]))
            position = end + delimiter.count
        }
    }

    /// After a boundary: optional transport padding, then CRLF.
    private static func skipLineEnd(_ bytes: [UInt8], from start: Int) throws(RequestBodyError) -> Int {
        var position = start
        while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
        guard position + 1 < bytes.count, bytes[position] == 13, bytes[position + 1] == 10 else {
            throw RequestBodyError(.malformed, "a multipart boundary is not followed by a line break")
        }
        return position + 2
    }

    /// The header lines of one part, up to the empty line, and where its body starts.
    private static func headers(_ bytes: [UInt8], from start: Int) throws(RequestBodyError) -> ([(name: String, value: String)], Int) {
        var headers: [(name: String, value: String)] = []
        var position = start
        while true {
            guard position - start <= maxHeaderBytes else {
                throw RequestBodyError(.malformed, "a multipart part's headers exceed \(maxHeaderBytes) bytes")
            }
            guard let lineEnd = find([13, 10], in: bytes, from: position) else {
                throw RequestBodyError(.malformed, "a multipart part's headers do not end")
            }
            if lineEnd == position { return (headers, position + 2) }
            headers.append(try header(bytes[position..<lineEnd]))
            position = lineEnd + 2
        }
    }

    private static func header(_ line: ArraySlice<UInt8>) throws(RequestBodyError) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: 58), colon > line.startIndex else {
            throw RequestBodyError(.malformed, "a multipart header line has no name")
        }
        let name = line[..<colon]
        guard name.allSatisfy(isTokenByte) else {
            throw RequestBodyError(.malformed, "a multipart header name contains a character that is not allowed")
        }
        guard let value = String(validating: line[(colon + 1)...], as: UTF8.self),
            !value.unicodeScalars.contains(where: { $0.value < 32 && $0 != "\t" })
        else {
            throw RequestBodyError(.malformed, "a multipart header value is not UTF-8 text")
        }
        return (String(decoding: name, as: UTF8.self), value.trimmingCharacters(in: .whitespaces))
    }

    /// RFC 9110 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// The first index of `needle` in `bytes` at or after `start`: memchr to each candidate first byte, then
    /// memcmp, so a 10 MB part is scanned at memory speed.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start >= 0, !needle.isEmpty, bytes.count - start >= needle.count else { return nil }
        return bytes.withUnsafeBytes { haystack -> Int? in
            needle.withUnsafeBytes { pattern -> Int? in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                let last = haystack.count - pattern.count
                var index = start
                while index <= last {
                    guard let hit = memchr(base + index, Int32(needle[0]), last - index + 1) else { return nil }
                    index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, patternBase, pattern.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}
