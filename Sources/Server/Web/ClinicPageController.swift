import Foundation
import Hummingbird
import Store
import Triage

/// The clinic desk: today's studies of the user's clinic (every clinic for administrators) and vitals entry,
/// which re-routes the study at once; the page then shows the new route.
struct ClinicPageController {
    let services: APIServices
    let pages: WebPages

    func register(with router: Router<AppRequestContext>) {
        router.get("clinic", use: page)
        router.get("clinic/studies/:id", use: vitalsPage)
        router.post("clinic/studies/:id/vitals", use: enterVitals)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard [Role.clinicStaff, .admin].contains(principal.role) else { return WebAccess.elsewhere(principal) }
        let now = Date()
        let studies = try await services.catalog.studies(
            from: WebFormat.utc.startOfDay(for: now), to: now.addingTimeInterval(1), clinicCode: nil, limit: 500, for: principal)
        return pages.render(
            "clinic", title: "Studies today", model: ClinicPage(studies: studies, now: now), principal: principal,
            csrfToken: WebPages.csrfToken(request))
    }

    @Sendable func vitalsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        let notice = request.uri.queryParameters["saved"] != nil ? "Vitals saved; the route above is the new one." : nil
        return try await render(request, context: context, principal: principal, form: nil, error: nil, notice: notice)
    }

    @Sendable func enterVitals(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { return WebAccess.signIn(request) }
        guard [Role.clinicStaff, .admin].contains(principal.role) else { return WebAccess.elsewhere(principal) }
        var request = request
        let form = try await FormBody.collect(&request)
        guard let id = StudyPageController.studyID(context), let (studyID, _) = try await services.catalog.locate(id, for: principal) else {
            return try await render(request, context: context, principal: principal, form: form, error: nil, notice: nil)
        }
        do {
            let entry = try VitalsForm.entry(form)
            let outcome = try await services.vitals.record(entry, studyID: studyID, actor: .user(principal, requestID: context.requestID))
            context.logger.info("vitals entered", metadata: ["study_id": "\(studyID)", "tier": "\(outcome.tier.label)"])
            return WebPages.seeOther("/clinic/studies/\(id.uuidString.lowercased())?saved=1")
        } catch let problem as VitalsForm.Problem {
            return try await render(request, context: context, principal: principal, form: form, error: problem.message, status: .unprocessableContent)
        } catch let error as TriageError {
            let problem = APIError(error)
            return try await render(request, context: context, principal: principal, form: form, error: problem.message, status: problem.status)
        }
    }

    func render(
        _ request: Request, context: AppRequestContext, principal: Principal, form: FormBody?, error: String?, notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let csrf = WebPages.csrfToken(request)
        guard let id = StudyPageController.studyID(context), let (studyID, _) = try await services.catalog.locate(id, for: principal),
            let view = try await services.catalog.study(id, for: principal)
        else {
            return pages.render(
                "message", title: "Not found", model: ["message": "There is no such study, or it belongs to another clinic."],
                principal: principal, csrfToken: csrf, status: .notFound)
        }
        let model = VitalsPage(
            view: view, history: try await services.catalog.vitalsHistory(studyID: studyID), ranges: services.router.rules.inputRanges,
            form: form, error: error, notice: notice, csrfToken: csrf)
        return pages.render("vitals", title: "Vitals \(view.patientId)", model: model, principal: principal, csrfToken: csrf, status: status)
    }
}
