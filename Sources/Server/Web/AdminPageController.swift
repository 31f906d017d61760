import Foundation
import Hummingbird
import Store

/// The administrator's dashboard and the user and clinic forms on it.
struct AdminPageController {
    let services: APIServices
    let pages: WebPages

    func register(with router: Router<AppRequestContext>) {
        router.get("admin", use: page)
        router.post("admin/users", use: addUser)
        router.post("admin/clinics", use: addClinic)
        router.post("admin/users/:name/disable", use: disableUser)
    }

    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .admin else { return WebAccess.elsewhere(principal) }
        do {
            try await services.accounts.disable(name: context.parameters.get("name") ?? "", actor: .user(principal, requestID: context.requestID))
            return WebPages.seeOther("/admin?disabled=user")
        } catch let error as AccountError {
            let problem = APIError(error)
            return try await render(request, principal: principal, error: problem.message, status: problem.status)
        }
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .admin else { return WebAccess.elsewhere(principal) }
        let notice = request.uri.queryParameters["added"] != nil
            ? "Clinic added." : (request.uri.queryParameters["disabled"] != nil ? "User disabled; their tokens and sessions no longer work." : nil)
        return try await render(request, principal: principal, notice: notice)
    }

    @Sendable func addUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .admin else { return WebAccess.elsewhere(principal) }
        var request = request
        let form = try await FormBody.collect(&request)
        do {
            guard let role = form.text("role").flatMap(Role.init(rawValue:)) else {
                throw AccountError(code: .invalidField, message: "role must be radiologist, clinic_staff or admin")
            }
            let (user, token) = try await services.accounts.addUser(
                name: form.text("name") ?? "", role: role, clinicCode: role == .clinicStaff ? form.text("clinic") : nil,
                password: form["password"].flatMap { $0.isEmpty ? nil : $0 }, actor: .user(principal, requestID: context.requestID))
            // The token is shown once, on this response, never in a redirect URL.
            return try await render(request, principal: principal, notice: "Added user \(user.name).", newToken: token)
        } catch let error as AccountError {
            let problem = APIError(error)
            return try await render(request, principal: principal, error: problem.message, status: problem.status)
        }
    }

    @Sendable func addClinic(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .admin else { return WebAccess.elsewhere(principal) }
        var request = request
        let form = try await FormBody.collect(&request)
        do {
            try await services.accounts.addClinic(
                code: form.text("code") ?? "", name: form.text("name") ?? "", actor: .user(principal, requestID: context.requestID))
            return WebPages.seeOther("/admin?added=clinic")
        } catch let error as AccountError {
            let problem = APIError(error)
            return try await render(request, principal: principal, error: problem.message, status: problem.status)
        }
    }

    func render(
        _ request: Request, principal: Principal, notice: String? = nil, error: String? = nil, newToken: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = Date()
        let weekAgo = now.addingTimeInterval(-7 * 86400)
        let stats = TurnaroundStats(pool: services.pool)
        async let daily = stats.daily(days: 7, until: now)
        async let byClinic = stats.report(from: weekAgo, to: now, groupBy: .clinic)
        async let byTier = stats.report(from: weekAgo, to: now, groupBy: .tier)
        async let agreement = AgreementStats(pool: services.pool, coverageTarget: services.router.rules.secondReading.coverageTarget)
            .report(from: weekAgo, to: now)
        async let users = services.accounts.users()
        async let clinics = services.accounts.clinics()
        let csrf = WebPages.csrfToken(request)
        let model = DashboardPage(
            daily: try await daily, byClinic: try await byClinic, byTier: try await byTier, agreement: try await agreement,
            users: try await users, clinics: try await clinics, csrfToken: csrf, notice: notice, error: error, newToken: newToken)
        return pages.render("admin", title: "Dashboard", model: model, principal: principal, csrfToken: csrf, status: status)
    }
}
