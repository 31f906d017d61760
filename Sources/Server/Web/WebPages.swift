import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Store

/// Renders the HTML pages: every template is compiled once at start-up into one library; a page is its own
/// template rendered into the shared layout (navigation for the role, the logout form).
struct WebPages: Sendable {
    static let csrfCookie = "ctriage_csrf"

    /// What the layout needs besides the page body.
    struct Layout {
        var title: String
        var user: String?
        var role: String?
        var csrfToken: String
        var body: String
        var isRadiologist: Bool
        var isClinicStaff: Bool
        var isAdmin: Bool
        var liveUpdates: Bool
        var wide: Bool
    }

    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in WebTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// The page `template` for `model`, inside the layout. Pages carry the CSRF token, so they are never cached.
    func render(
        _ template: String, title: String, model: Any, principal: Principal?, csrfToken: String, status: HTTPResponse.Status = .ok,
        liveUpdates: Bool = false
    ) -> Response {
        Self.html(page(template, title: title, model: model, principal: principal, csrfToken: csrfToken, liveUpdates: liveUpdates), status: status)
    }

    /// The HTML text of a page.
    func page(_ template: String, title: String, model: Any, principal: Principal?, csrfToken: String, liveUpdates: Bool = false) -> String {
        let body = library.render(model, withTemplate: template) ?? ""
        let layout = Layout(
            title: title, user: principal?.name, role: principal.map { Self.roleName($0.role) }, csrfToken: csrfToken, body: body,
            isRadiologist: principal?.role == .radiologist, isClinicStaff: principal?.role == .clinicStaff,
            isAdmin: principal?.role == .admin, liveUpdates: liveUpdates, wide: template == "worklist" || template == "admin")
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    /// A fragment without the layout (the worklist rows the live-update script swaps in).
    func fragment(_ template: String, model: Any) -> Response {
        Self.html(library.render(model, withTemplate: template) ?? "")
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
                .xContentTypeOptions: "nosniff", HTTPField.Name("Referrer-Policy")!: "same-origin",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 after a form post, so reloading the page does not post again.
    static func seeOther(_ location: String, setCookies: [String] = []) -> Response {
        var response = Response.redirect(to: location, type: .normal)
        for cookie in setCookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }

    /// The page each role lands on after signing in.
    static func home(for role: Role) -> String {
        switch role {
        case .radiologist: "/worklist"
        case .clinicStaff: "/clinic"
        case .admin: "/admin"
        }
    }

    static func roleName(_ role: Role) -> String {
        switch role {
        case .radiologist: "radiologist"
        case .clinicStaff: "clinic staff"
        case .admin: "administrator"
        }
    }

    /// The session's CSRF token for the forms of a page: kept in its own HttpOnly, SameSite=Strict cookie at
    /// login (the database has only its digest), checked against the session by `AuthMiddleware` on post.
    static func csrfToken(_ request: Request) -> String {
        request.cookies[csrfCookie]?.value ?? ""
    }
}
