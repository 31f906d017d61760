/// Why a request body could not be decoded. The server maps it to an HTTP status at its edge.
public struct RequestBodyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The Content-Type is not the one the endpoint takes.
        case unsupportedMediaType = "unsupported_media_type"
        /// The bytes do not follow the format (no boundary, a part without headers, a header that is not
        /// ASCII, a body that never closes).
        case malformed = "malformed_body"
        /// A field that must appear once appears more than once.
        case duplicateField = "duplicate_field"
        /// A text field that is not UTF-8.
        case notText = "not_text"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
