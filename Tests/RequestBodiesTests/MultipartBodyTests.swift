import RequestBodies
import Testing

@Suite("MIME multipart bodies")
struct MultipartBodyTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("parts are split at the boundary; preamble, epilogue and transport padding are skipped")
    func splitsParts() throws {
        let body = Self.bytes(
            "ignored preamble\r\n--b1 \t\r\nContent-Type: application/dicom\r\nX-Note: a\r\n\r\nfirst\r\n--b1\r\n\r\nsecond--b1 not a boundary\r\n--b1--\r\nepilogue")
        let parts = try MultipartBody(parsing: body, boundary: "b1").parts
        #expect(parts.count == 2)
        #expect(parts[0].header("content-type") == "application/dicom")
        #expect(parts[0].header("X-NOTE") == "a")
        #expect(Array(parts[0].body) == Self.bytes("first"))
        #expect(parts[1].headers.isEmpty)
        #expect(Array(parts[1].body) == Self.bytes("second--b1 not a boundary"))
    }

    @Test("binary bodies with CR, LF and NUL bytes come back byte for byte")
    func binaryBody() throws {
        let payload: [UInt8] = [0, 13, 10, 45, 45, 98, 255, 13, 13, 10, 0]
        let body = Self.bytes("--x\r\n\r\n") + payload + Self.bytes("\r\n--x--")
        #expect(try Array(MultipartBody(parsing: body, boundary: "x").parts[0].body) == payload)
    }

    @Test("malformed bodies are refused with a reason", arguments: [
        ("no boundary at all", "hello", "does not contain its boundary"),
        ("cut off before the closing boundary", "--b\r\n\r\ndata", "closing boundary"),
        ("boundary not followed by a line break", "--bxyz\r\n\r\nd\r\n--b--", "line break"),
        ("header line without a name", "--b\r\n: value\r\n\r\nd\r\n--b--", "no name"),
        ("header name with a space", "--b\r\nBad Name: v\r\n\r\nd\r\n--b--", "not allowed"),
        ("headers that never end", "--b\r\nContent-Type: x", "do not end"),
    ])
    func malformed(_ testCase: (String, String, String)) {
        #expect {
            try MultipartBody(parsing: Self.bytes(testCase.1), boundary: "b")
        } throws: { error in
            guard let error = error as? RequestBodyError else { return false }
            return error.code == .malformed && error.message.contains(testCase.2)
        }
    }

    @Test("a header name byte above 0x7F is a clear error, not a crash (the fuzzer's finding)")
    func nonASCIIHeaderName() {
        let body = Self.bytes("--b\r\nX-") + [0xC3, 0xA9] + Self.bytes(": 1\r\n\r\nd\r\n--b--")
        #expect(throws: RequestBodyError.self) { try MultipartBody(parsing: body, boundary: "b") }
    }

    @Test("a header block larger than the limit is refused")
    func hugeHeaders() {
        let header = "X-Long: " + String(repeating: "a", count: 100) + "\r\n"
        let body = Self.bytes("--b\r\n" + String(repeating: header, count: 200) + "\r\nd\r\n--b--")
        #expect(throws: RequestBodyError.self) { try MultipartBody(parsing: body, boundary: "b") }
    }

    @Test("media types: quoted parameters with semicolons and escapes, case, and long boundaries")
    func mediaTypes() throws {
        let type = try #require(MediaType(#"Multipart/Related; type="application/dicom"; boundary="a;b\"c""#))
        #expect(type.type == "multipart/related")
        #expect(type.parameters["type"] == "application/dicom")
        #expect(type.boundary == #"a;b"c"#)
        let long = String(repeating: "7", count: 200)
        #expect(MediaType("multipart/related; boundary=\(long)")?.boundary == long)
        #expect(MediaType("multipart/related; boundary=\(long)7")?.boundary == nil)
        #expect(MediaType("multipart/related; boundary=")?.boundary == nil)
        #expect(MediaType("nonsense") == nil)
    }
}
