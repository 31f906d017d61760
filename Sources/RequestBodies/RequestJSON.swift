import Foundation

/// How every JSON request body is decoded: snake_case keys, ISO 8601 dates.
public enum RequestJSON {
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
