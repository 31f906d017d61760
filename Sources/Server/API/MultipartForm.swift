import Foundation
import MultipartKit
import NIOCore

/// A parsed `multipart/form-data` body: each named part's bytes (and file name, when it was a file).
struct MultipartForm {
    struct Part {
        var bytes: [UInt8]
        var fileName: String?
    }

    var parts: [String: Part]

    /// The fields of a study upload.
    static let fields: Set<String> = ["file", "patient_id", "clinic", "acquired_at", "setting"]

    /// Parses a complete body. A part that the body ends in the middle of is missing from the result, so a
    /// truncated upload shows up as a missing field rather than a shortened file.
    static func parse(_ body: ByteBuffer, contentType: String) throws -> MultipartForm {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw APIError(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                message: "send the study as multipart/form-data (fields: file, patient_id, clinic, acquired_at, setting)")
        }
        guard let boundary = Self.boundary(in: contentType) else {
            throw APIError.badRequest("the multipart Content-Type has no boundary parameter")
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [String: Part] = [:]
        var headers: [(String, String)] = []
        var current: [UInt8] = []
        parser.onHeader = { headers.append(($0, $1)) }
        parser.onBody = { buffer in current += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        var failure: APIError?
        parser.onPartComplete = {
            defer {
                headers = []
                current = []
            }
            guard let disposition = headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                let name = Self.parameter("name", in: disposition)
            else {
                failure = failure ?? APIError.badRequest("a multipart part has no Content-Disposition name")
                return
            }
            // Parts we do not know are ignored, as HTML forms may send extra fields; only ours must be unique.
            guard Self.fields.contains(name) else { return }
            guard parts[name] == nil else {
                failure = failure ?? APIError.badRequest("the multipart field \"\(name)\" appears twice")
                return
            }
            parts[name] = Part(bytes: current, fileName: Self.parameter("filename", in: disposition))
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError.badRequest("the multipart body is malformed")
        }
        if let failure { throw failure }
        return MultipartForm(parts: parts)
    }

    func text(_ name: String) throws -> String? {
        guard let part = parts[name] else { return nil }
        guard let text = String(validating: part.bytes, as: UTF8.self) else {
            throw APIError.badRequest("the field \"\(name)\" is not UTF-8 text")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func boundary(in contentType: String) -> String? {
        guard let value = parameter("boundary", in: contentType), !value.isEmpty, value.utf8.count <= 70 else { return nil }
        return value
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
