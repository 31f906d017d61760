import Foundation

/// A `multipart/form-data` body (RFC 7578): each named part's bytes, and its file name when it was a file.
public struct MultipartFormData: Sendable {
    public struct Field: Sendable {
        public var bytes: ArraySlice<UInt8>
        public var fileName: String?
    }

    public var fields: [String: Field]

    /// Parses a complete body, keeping only the fields in `accepted` (HTML forms may send extra fields, which
    /// are ignored); each accepted field must appear at most once.
    public init(parsing bytes: [UInt8], contentType: String, accepted: Set<String>) throws(RequestBodyError) {
        guard let mediaType = MediaType(contentType), mediaType.type == "multipart/form-data" else {
            throw RequestBodyError(
                .unsupportedMediaType, "send the study as multipart/form-data (fields: \(accepted.sorted().joined(separator: ", ")))")
        }
        guard let boundary = mediaType.boundary else {
            throw RequestBodyError(.malformed, "the multipart Content-Type has no usable boundary parameter")
        }
        var fields: [String: Field] = [:]
        for part in try MultipartBody(parsing: bytes, boundary: boundary).parts {
            guard let disposition = part.header("Content-Disposition").flatMap(MediaType.init(disposition:)),
                disposition.type == "form-data", let name = disposition.parameters["name"]
            else {
                throw RequestBodyError(.malformed, "a multipart part has no Content-Disposition: form-data name")
            }
            guard accepted.contains(name) else { continue }
            guard fields[name] == nil else {
                throw RequestBodyError(.duplicateField, "the multipart field \"\(name)\" appears twice")
            }
            fields[name] = Field(bytes: part.body, fileName: disposition.parameters["filename"])
        }
        self.fields = fields
    }

    /// A text field with surrounding white space removed; nil when absent.
    public func text(_ name: String) throws(RequestBodyError) -> String? {
        guard let field = fields[name] else { return nil }
        guard let text = String(validating: field.bytes, as: UTF8.self) else {
            throw RequestBodyError(.notText, "the field \"\(name)\" is not UTF-8 text")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension MediaType {
    /// Content-Disposition has the same shape as a media type, with a bare disposition type in front.
    init?(disposition header: String) {
        guard let parsed = MediaType("x/" + header) else { return nil }
        self = parsed
        type = String(parsed.type.dropFirst(2))
    }
}
