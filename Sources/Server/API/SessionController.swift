import Foundation
import Hummingbird
import RequestBodies
import Store

/// Password login for browsers: a new session cookie (HttpOnly, SameSite=Strict) and a CSRF token the page
/// sends back with every write; logout revokes the session for good.
struct SessionController {
    let services: APIServices

    struct Me: ResponseEncodable {
        var name: String
        var role: String
        var clinicId: Int?
    }

    struct LoginResponse: ResponseEncodable {
        var user: Me
        var csrfToken: String
        var expiresAt: Date
    }

    func register(with router: Router<AppRequestContext>) {
        router.post("api/v1/session", use: login)
        router.delete("api/v1/session", use: logout)
        router.get("api/v1/me", use: me)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decode(as: LoginRequest.self, context: context)
        let session = try await services.accounts.login(
            name: body.name, password: body.password, lifetime: services.sessionLifetime, requestID: context.requestID)
        let principal = session.principal
        var response = try LoginResponse(
            user: Me(name: principal.name, role: principal.role.rawValue, clinicId: principal.clinicID), csrfToken: session.csrfToken,
            expiresAt: session.expiresAt
        ).response(from: request, context: context)
        response.headers[.setCookie] =
            "\(AuthMiddleware.sessionCookie)=\(session.token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(services.sessionLifetime.components.seconds)"
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require()
        try await services.accounts.logout(principal, requestID: context.requestID)
        return Response(
            status: .noContent,
            headers: [.setCookie: "\(AuthMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"])
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Me {
        let principal = try context.require()
        return Me(name: principal.name, role: principal.role.rawValue, clinicId: principal.clinicID)
    }
}
