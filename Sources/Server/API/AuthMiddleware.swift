import HTTPTypes
import Hummingbird
import Store

/// Finds who is calling: a bearer API token (scripts, gateways) or a session cookie (browsers). A write sent
/// with a session cookie must carry the session's CSRF token in `X-CSRF-Token`, since a browser attaches
/// cookies to requests other sites make it send. An HTML form cannot set headers, so a form post
/// (`application/x-www-form-urlencoded`) may carry the token in its `csrf_token` field instead.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let sessionCookie = "ctriage_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let accounts: Accounts

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                let principal = try await accounts.authenticate(apiToken: String(authorization.dropFirst(7)))
            else {
                throw APIError(
                    status: .unauthorized, code: "invalid_token", message: "the API token is unknown or revoked",
                    headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
            }
            context.principal = principal
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
            let principal = try await accounts.authenticate(sessionToken: cookie)
        {
            if !Self.isSafe(request.method) {
                var presented = request.headers[Self.csrfHeader]
                if presented == nil, FormBody.isForm(request) {
                    presented = try await FormBody.collect(&request)["csrf_token"]
                }
                guard case .session(_, let expected) = principal.credential, let presented,
                    SecretToken.equal(SecretToken.digest(presented), expected)
                else {
                    throw APIError(
                        status: .forbidden, code: "csrf_token_invalid",
                        message: "a write with a session cookie needs the session's CSRF token in the X-CSRF-Token header")
                }
            }
            context.principal = principal
        }
        return try await next(request, context)
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }
}
