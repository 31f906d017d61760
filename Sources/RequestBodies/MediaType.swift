import Foundation

/// A Content-Type value split into its type and parameters (RFC 9110 §8.3.1): `multipart/related;
/// type="application/dicom"; boundary=abc` has the type `multipart/related` and two parameters.
public struct MediaType: Sendable, Equatable {
    /// Lower-cased `type/subtype`.
    public var type: String
    /// Parameter names lower-cased; values unquoted, as sent.
    public var parameters: [String: String]

    public init?(_ header: String) {
        var pieces = Self.split(header)
        guard !pieces.isEmpty else { return nil }
        let type = pieces.removeFirst().trimmingCharacters(in: .whitespaces).lowercased()
        guard type.contains("/") else { return nil }
        self.type = type
        var parameters: [String: String] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast()).replacingBackslashEscapes
            }
            // The first occurrence counts, so a repeated parameter cannot override an earlier one.
            if parameters[name] == nil { parameters[name] = value }
        }
        self.parameters = parameters
    }

    /// The multipart boundary: 1 to 70 characters by RFC 2046, though some senders (Orthanc among them) use
    /// longer ones, so up to 200 are taken.
    public var boundary: String? {
        guard let value = parameters["boundary"], !value.isEmpty, value.utf8.count <= 200,
            value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f })
        else { return nil }
        return value
    }

    /// Splits at semicolons outside quoted strings.
    private static func split(_ header: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = header.startIndex
        var quoted = false
        var escaped = false
        for index in header.indices {
            let character = header[index]
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(header[start..<index])
                start = header.index(after: index)
            }
        }
        pieces.append(header[start...])
        return pieces
    }
}

extension StringProtocol {
    var replacingBackslashEscapes: String {
        var result = ""
        var escaped = false
        for character in self {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }
}
