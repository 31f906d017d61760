import Foundation
import Hummingbird
import RequestBodies
import Store
import Triage

/// The reading queue: list, claim the next study, renew or release the claim, sign a reading.
struct WorklistController {
    let services: APIServices

    struct ClaimResponse: ResponseEncodable {
        var studyId: UUID
        var readingNumber: Int
        var leaseToken: UUID
        var expiresAt: Date
        var studyUrl: String
        /// Only with `?include=study`: most clients open the study separately, and the view is the costliest
        /// part of a claim.
        var study: StudyView?
    }

    struct RenewResponse: ResponseEncodable {
        var expiresAt: Date
    }

    struct ReadingResponse: ResponseEncodable {
        var studyId: UUID
        var readingNumber: Int
        var discrepancy: String
        var complete: Bool
    }

    func register(with router: Router<AppRequestContext>) {
        router.get("api/v1/worklist", use: list)
        router.post("api/v1/worklist/claim", use: claim)
        router.post("api/v1/worklist/renew", use: renew)
        router.post("api/v1/worklist/release", use: release)
        router.post("api/v1/studies/:id/readings", use: sign)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [WorklistEntry] {
        let principal = try context.require(.radiologist, .admin)
        let query = QueryParameters(request)
        var filter = Worklist.Filter()
        if let tier = query["tier"] {
            guard let parsed = PriorityTier(label: tier.uppercased()) else { throw APIError.badRequest("tier must be P0 … P5") }
            filter.tier = parsed.rawValue
        }
        filter.clinicCode = try query.clinicCode()
        filter.claimed = try query.boolean("claimed")
        filter.limit = try query.integer("limit", in: 1...500) ?? 50
        filter.offset = try query.integer("offset", in: 0...1_000_000) ?? 0
        return try await services.worklist.list(filter).map { BlindReading.redact($0, for: principal) }
    }

    @Sendable func claim(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require(.radiologist)
        guard let claim = try await services.worklist.claimNext(radiologist: principal.userID, lease: services.readingLease) else {
            return Response(status: .noContent)
        }
        context.logger.info("study claimed", metadata: ["study": "\(claim.publicID)", "reading": "\(claim.readingNumber)"])
        let include = QueryParameters(request)["include"]
        guard include == nil || include == "study" else { throw APIError.badRequest("include must be study") }
        let includeStudy = include == "study"
        let view = includeStudy ? try await services.catalog.study(internalID: claim.studyID) : nil
        let body = ClaimResponse(
            studyId: claim.publicID, readingNumber: claim.readingNumber, leaseToken: claim.token, expiresAt: claim.expiresAt,
            studyUrl: "/api/v1/studies/\(claim.publicID.uuidString.lowercased())", study: view)
        return try body.response(from: request, context: context)
    }

    @Sendable func renew(_ request: Request, context: AppRequestContext) async throws -> RenewResponse {
        let principal = try context.require(.radiologist)
        let body = try await request.decode(as: LeaseRequest.self, context: context)
        guard let expires = try await services.worklist.renew(token: body.leaseToken, radiologist: principal.userID, lease: services.readingLease)
        else { throw APIError(WorklistError(code: .leaseInvalid, message: "the claim has expired or is not yours; claim the study again")) }
        return RenewResponse(expiresAt: expires)
    }

    @Sendable func release(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require(.radiologist)
        let body = try await request.decode(as: LeaseRequest.self, context: context)
        guard try await services.worklist.release(token: body.leaseToken, radiologist: principal.userID) else {
            throw APIError(WorklistError(code: .leaseInvalid, message: "the claim is not yours or was already released"))
        }
        return Response(status: .noContent)
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ReadingResponse> {
        let principal = try context.require(.radiologist)
        let publicID = try StudiesController.studyID(context)
        let body = try await request.decode(as: ReadingRequest.self, context: context)
        let category: CTCategory
        do {
            category = try CTCategory(label: body.category)
        } catch {
            throw APIError(WorklistError(code: .invalidCategory, message: "category must be CT-0 … CT-4"))
        }
        let signed = try await services.worklist.sign(
            token: body.leaseToken, radiologist: principal.userID, category: category, findings: body.findings ?? "", publicID: publicID)
        ServiceMetrics.recordReading(tier: signed.tier.label, readingNumber: signed.readingNumber, waited: signed.secondsSinceArrival)
        context.logger.info("reading signed", metadata: ["study": "\(publicID)", "reading": "\(signed.readingNumber)"])
        return EditedResponse(
            status: .created,
            response: ReadingResponse(
                studyId: publicID, readingNumber: signed.readingNumber,
                discrepancy: signed.discrepancy.rawValue, complete: signed.complete))
    }
}
