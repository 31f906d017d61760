import Foundation
import Hummingbird
import Store
import Triage

/// The study page and its reading form: sign, extend the hold, release. The form is bound to the lease the
/// radiologist holds (looked up on the server, so the lease token never travels in a URL).
struct StudyPageController {
    let services: APIServices
    let pages: WebPages

    func register(with router: Router<AppRequestContext>) {
        router.get("studies/:id", use: page)
        router.post("studies/:id/reading", use: sign)
        router.post("studies/:id/renew", use: renew)
        router.post("studies/:id/release", use: release)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        let notice = request.uri.queryParameters["signed"] != nil ? "Reading signed." : nil
        return try await render(request, context: context, principal: principal, notice: notice)
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .radiologist else { return WebAccess.elsewhere(principal) }
        var request = request
        let form = try await FormBody.collect(&request)
        guard let id = Self.studyID(context), try await services.catalog.locate(id, for: principal) != nil else {
            return notFound(principal, request: request)
        }
        let findings = form["findings"] ?? ""
        do {
            guard let token = form["lease_token"].flatMap(UUID.init(uuidString:)) else {
                throw WorklistError(code: .leaseInvalid, message: "the claim has expired or is not yours; claim the study again")
            }
            guard let category = try? CTCategory(label: form["category"] ?? "") else {
                throw WorklistError(code: .invalidCategory, message: "choose a CT category, CT-0 … CT-4")
            }
            let signed = try await services.worklist.sign(
                token: token, radiologist: principal.userID, category: category, findings: findings, publicID: id)
            ServiceMetrics.recordReading(tier: signed.tier.label, readingNumber: signed.readingNumber, waited: signed.secondsSinceArrival)
            context.logger.info("reading signed", metadata: ["study": "\(id)", "reading": "\(signed.readingNumber)"])
            return WebPages.seeOther("/studies/\(id.uuidString.lowercased())?signed=1")
        } catch let error as WorklistError {
            let problem = APIError(error)
            return try await render(request, context: context, principal: principal, error: problem.message, findings: findings, status: problem.status)
        }
    }

    @Sendable func renew(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await leaseAction(request, context: context) { principal, token in
            try await services.worklist.renew(token: token, radiologist: principal.userID, lease: services.readingLease) != nil
        }
    }

    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await leaseAction(request, context: context, after: "/worklist") { principal, token in
            try await services.worklist.release(token: token, radiologist: principal.userID)
        }
    }

    func leaseAction(
        _ request: Request, context: AppRequestContext, after location: String? = nil,
        _ action: (Principal, UUID) async throws -> Bool
    ) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .radiologist else { return WebAccess.elsewhere(principal) }
        var request = request
        let form = try await FormBody.collect(&request)
        guard let id = Self.studyID(context) else { return notFound(principal, request: request) }
        guard let token = form["lease_token"].flatMap(UUID.init(uuidString:)), try await action(principal, token) else {
            return try await render(
                request, context: context, principal: principal, error: "Your hold on this study has expired or was released; claim it again.",
                status: .conflict)
        }
        return WebPages.seeOther(location ?? "/studies/\(id.uuidString.lowercased())")
    }

    func render(
        _ request: Request, context: AppRequestContext, principal: Principal, notice: String? = nil, error: String? = nil, findings: String = "",
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let id = Self.studyID(context), let (studyID, _) = try await services.catalog.locate(id, for: principal),
            let view = try await services.catalog.study(id, for: principal)
        else { return notFound(principal, request: request) }
        let catalog = services.catalog
        async let readings = catalog.readings(studyID: studyID)
        async let vitals = catalog.vitalsHistory(studyID: studyID)
        async let earlier = catalog.earlierStudies(of: id, for: principal)
        let claim = principal.role == .radiologist ? try await services.worklist.liveClaim(studyID: studyID, radiologist: principal.userID) : nil
        let model = StudyPage(
            view: view, readings: try await readings, vitals: try await vitals, earlier: try await earlier, claim: claim, viewer: principal,
            csrfToken: WebPages.csrfToken(request), error: error, notice: notice, findings: findings)
        return pages.render("study", title: "Study \(model.shortID)", model: model, principal: principal, csrfToken: model.csrfToken, status: status)
    }

    func notFound(_ principal: Principal, request: Request) -> Response {
        pages.render(
            "message", title: "Not found", model: ["message": "There is no such study, or it belongs to another clinic."], principal: principal,
            csrfToken: WebPages.csrfToken(request), status: .notFound)
    }

    static func studyID(_ context: AppRequestContext) -> UUID? {
        context.parameters.get("id").flatMap(UUID.init(uuidString:))
    }
}
