import Hummingbird
import Store

/// Where a page sends a visitor it cannot serve: to the login page when signed out, to their own page when
/// their role has no business here (a page, unlike the API, answers with a way forward rather than a 403).
enum WebAccess {
    static func signIn(_ request: Request) -> Response {
        WebPages.seeOther("/login")
    }

    static func elsewhere(_ principal: Principal) -> Response {
        WebPages.seeOther(WebPages.home(for: principal.role))
    }
}
