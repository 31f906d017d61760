import Hummingbird
import RequestBodies
import Store
import Triage

/// The one place where domain errors become HTTP statuses.
extension APIError {
    init(_ error: IngestError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .tooLarge: .contentTooLarge
            case .conflict: .conflict
            case .otherClinic: .forbidden
            default: .unprocessableContent
            }
        self.init(status: status, code: Self.snakeCase("\(error.code)"), message: error.message)
    }

    init(_ error: WorklistError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .leaseInvalid, .alreadyRead: .conflict
            default: .unprocessableContent
            }
        self.init(status: status, code: Self.snakeCase("\(error.code)"), message: error.message)
    }

    init(_ error: AccountError) {
        let status: HTTPResponse.Status =
            switch error.code {
            case .invalidCredentials: .unauthorized
            case .duplicateName: .conflict
            case .unknownUser: .notFound
            default: .unprocessableContent
            }
        self.init(status: status, code: Self.snakeCase("\(error.code)"), message: error.message)
    }

    init(_ error: TriageError) {
        self.init(status: .unprocessableContent, code: Self.snakeCase("\(error.code)"), message: error.message)
    }

    init(_ error: RequestBodyError) {
        let status: HTTPResponse.Status = error.code == .unsupportedMediaType ? .unsupportedMediaType : .badRequest
        self.init(status: status, code: error.code.rawValue, message: error.message)
    }

    static func notFound(_ what: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: "\(what) not found")
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: message)
    }

    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
    }
}
