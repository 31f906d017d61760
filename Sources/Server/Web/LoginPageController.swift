import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Sign in and out with a password. A login opens a new session (as the JSON API does) and also puts the
/// session's CSRF token in its own cookie, so every page can write it into its forms.
struct LoginPageController {
    /// Guards the login form itself against login CSRF (signing a victim into the attacker's account): a random
    /// value in a SameSite=Strict cookie that the form must echo.
    static let loginCookie = "ctriage_login"

    struct Model {
        var loginToken: String
        var name: String
        var error: String?
    }

    let services: APIServices
    let pages: WebPages

    func register(with router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("login", use: form)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        return WebAccess.elsewhere(principal)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let principal = context.principal { return WebAccess.elsewhere(principal) }
        return loginPage(name: "", error: nil)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.collect(&request)
        guard let expected = request.cookies[Self.loginCookie]?.value, let presented = form["login_token"],
            SecretToken.equal(SecretToken.digest(presented), SecretToken.digest(expected))
        else {
            return loginPage(name: form["name"] ?? "", error: "The sign-in form expired. Please try again.", status: .forbidden)
        }
        let session: Accounts.NewSession
        do {
            session = try await services.accounts.login(
                name: form["name"] ?? "", password: form["password"] ?? "", lifetime: services.sessionLifetime, requestID: context.requestID)
        } catch let error as AccountError {
            return loginPage(name: form["name"] ?? "", error: APIError(error).message, status: .unauthorized)
        }
        let age = services.sessionLifetime.components.seconds
        return WebPages.seeOther(
            WebPages.home(for: session.principal.role),
            setCookies: [
                "\(AuthMiddleware.sessionCookie)=\(session.token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(age)",
                "\(WebPages.csrfCookie)=\(session.csrfToken); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(age)",
                "\(Self.loginCookie)=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0",
            ])
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let principal = context.principal {
            try await services.accounts.logout(principal, requestID: context.requestID)
        }
        return WebPages.seeOther(
            "/login",
            setCookies: [
                "\(AuthMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
                "\(WebPages.csrfCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
            ])
    }

    func loginPage(name: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = SecretToken.make(prefix: "login_")
        var response = pages.render(
            "login", title: "Sign in", model: Model(loginToken: token, name: name, error: error), principal: nil, csrfToken: "",
            status: status)
        response.headers.append(HTTPField(name: .setCookie, value: "\(Self.loginCookie)=\(token); Path=/login; HttpOnly; SameSite=Strict"))
        return response
    }
}
