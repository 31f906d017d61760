import Foundation
import Hummingbird
import Store

/// The radiologist's worklist page, its rows fragment for live updates, and "Read next".
struct WorklistPageController {
    let services: APIServices
    let pages: WebPages

    func register(with router: Router<AppRequestContext>) {
        router.get("worklist", use: page)
        router.get("worklist/rows", use: rows)
        router.post("worklist/read-next", use: readNext)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard [Role.radiologist, .admin].contains(principal.role) else { return WebAccess.elsewhere(principal) }
        let notice = request.uri.queryParameters["empty"] != nil ? "Nothing is waiting for you to read right now." : nil
        let model = WorklistPage(
            entries: try await services.worklist.list(.init(limit: 200)), canClaim: principal.role == .radiologist, notice: notice,
            csrfToken: WebPages.csrfToken(request), blind: principal.role == .radiologist)
        return pages.render("worklist", title: "Worklist", model: model, principal: principal, csrfToken: model.csrfToken, liveUpdates: true)
    }

    @Sendable func rows(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal, [Role.radiologist, .admin].contains(principal.role) else {
            return Response(status: .unauthorized)
        }
        let model = WorklistPage(
            entries: try await services.worklist.list(.init(limit: 200)), canClaim: false, notice: nil, csrfToken: "",
            blind: principal.role == .radiologist)
        return pages.fragment("worklist-rows", model: model)
    }

    @Sendable func readNext(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard principal.role == .radiologist else { return WebAccess.elsewhere(principal) }
        guard let claim = try await services.worklist.claimNext(radiologist: principal.userID, lease: services.readingLease) else {
            return WebPages.seeOther("/worklist?empty=1")
        }
        context.logger.info("study claimed", metadata: ["study": "\(claim.publicID)", "reading": "\(claim.readingNumber)"])
        return WebPages.seeOther("/studies/\(claim.publicID.uuidString.lowercased())")
    }
}
