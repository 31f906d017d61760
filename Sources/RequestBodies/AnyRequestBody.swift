import Foundation

/// Every kind of request body this server decodes, chosen by the first byte of the input: the common entry
/// of the libFuzzer target (Fuzz/Sources/FuzzRequests) and of its regression tests, so a crasher found by one
/// is replayed by the other through the same code.
public enum AnyRequestBody {
    public enum Kind: UInt8, CaseIterable, Sendable {
        case formData, related, urlEncoded, lease, reading, login, newClinic, newUser
    }

    /// Decodes `input.dropFirst()` as the kind its first byte selects. Malformed input throws
    /// `RequestBodyError` or `DecodingError`; anything else escaping (or a crash) is a bug.
    public static func decode(_ input: [UInt8]) throws {
        guard let selector = input.first else { return }
        let kind = Kind.allCases[Int(selector) % Kind.allCases.count]
        let body = Array(input.dropFirst())
        let decoder = RequestJSON.decoder()
        switch kind {
        case .formData:
            // Fixed boundary so the fuzzer need not match a header it cannot see.
            let form = try MultipartFormData(
                parsing: body, contentType: "multipart/form-data; boundary=fuzz", accepted: ["file", "patient_id", "clinic"])
            _ = try form.text("patient_id")
        case .related:
            let parts = try MultipartBody(parsing: body, boundary: "fuzz").parts
            _ = parts.map { part in part.header("content-type").flatMap { MediaType($0) } }
        case .urlEncoded:
            _ = URLEncodedForm(parsing: String(decoding: body, as: UTF8.self))
        case .lease:
            _ = try decoder.decode(LeaseRequest.self, from: Data(body))
        case .reading:
            _ = try decoder.decode(ReadingRequest.self, from: Data(body))
        case .login:
            _ = try decoder.decode(LoginRequest.self, from: Data(body))
        case .newClinic:
            _ = try decoder.decode(NewClinicRequest.self, from: Data(body))
        case .newUser:
            _ = try decoder.decode(NewUserRequest.self, from: Data(body))
        }
    }
}
