import RequestBodies
import Testing

@Suite("multipart/form-data uploads")
struct MultipartFormDataTests {
    static let accepted: Set<String> = ["file", "patient_id", "clinic"]

    static func form(_ parts: [(disposition: String, body: String)]) -> [UInt8] {
        var text = ""
        for part in parts { text += "--f\r\nContent-Disposition: \(part.disposition)\r\n\r\n\(part.body)\r\n" }
        return Array((text + "--f--\r\n").utf8)
    }

    @Test("accepted fields are kept with their file name; unknown fields are ignored")
    func fields() throws {
        let form = try MultipartFormData(
            parsing: Self.form([
                (#"form-data; name="patient_id""#, "  P-0001 \n"),
                (#"form-data; name="file"; filename="../../etc/passwd""#, "bytes"),
                (#"form-data; name="submit""#, "Upload"),
            ]),
            contentType: "multipart/form-data; boundary=f", accepted: Self.accepted)
        #expect(try form.text("patient_id") == "P-0001")
        #expect(form.fields["file"]?.fileName == "../../etc/passwd")
        #expect(form.fields["submit"] == nil)
        #expect(try form.text("clinic") == nil)
    }

    @Test("refusals name the problem", arguments: [
        ("text/plain", nil, RequestBodyError.Code.unsupportedMediaType, "multipart/form-data"),
        ("multipart/form-data", nil, .malformed, "boundary"),
        ("multipart/form-data; boundary=f", "twice", .duplicateField, "\"clinic\" appears twice"),
        ("multipart/form-data; boundary=f", "no name", .malformed, "Content-Disposition"),
        ("multipart/form-data; boundary=f", "latin-1", .notText, "\"clinic\" is not UTF-8"),
    ] as [(String, String?, RequestBodyError.Code, String)])
    func refusals(_ testCase: (String, String?, RequestBodyError.Code, String)) {
        var body: [UInt8]
        switch testCase.1 {
        case "twice": body = Self.form([(#"form-data; name="clinic""#, "A"), (#"form-data; name="clinic""#, "B")])
        case "no name": body = Self.form([("form-data", "A")])
        case "latin-1": body = Array("--f\r\nContent-Disposition: form-data; name=\"clinic\"\r\n\r\n".utf8) + [0xE9] + Array("\r\n--f--".utf8)
        default: body = Self.form([(#"form-data; name="clinic""#, "A")])
        }
        #expect {
            let form = try MultipartFormData(parsing: body, contentType: testCase.0, accepted: Self.accepted)
            _ = try form.text("clinic")
        } throws: { error in
            guard let error = error as? RequestBodyError else { return false }
            return error.code == testCase.2 && error.message.contains(testCase.3)
        }
    }
}
