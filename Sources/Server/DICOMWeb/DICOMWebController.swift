import Foundation
import Hummingbird
import RequestBodies
import Store

/// DICOMweb doors (docs/dicom.md): STOW-RS stores instances, which become a study once their series is quiet
/// (`StableSeriesService`); QIDO-RS lists the studies made from DICOM. Same roles and clinic scoping as the API.
struct DICOMWebController {
    let services: APIServices

    func register(with router: Router<AppRequestContext>) {
        let studies = router.group("dicomweb/studies")
        studies.post(use: store)
        studies.post(":study", use: store)
        studies.get(use: search)
    }

    @Sendable func store(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require(.clinicStaff, .admin)
        let boundary = try Self.boundary(request.headers[.contentType] ?? "")
        let limit = services.maxUploadBytes + 64 * 1024
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(
                status: .contentTooLarge, code: "too_large", message: "the request has \(length) bytes; the limit is \(limit)")
        }
        let study = context.parameters.get("study")
        if let study, !DICOMStaging.isValidUID(study) {
            throw APIError.badRequest("the study in the URL must be a UID (digits and dots, at most 64)")
        }
        let staging = DICOMStaging(pool: services.pool, logger: context.logger)
        let clinicID = try await clinicID(request, principal: principal, staging: staging)
        let body = try await request.body.collect(upTo: limit)
        let multipart = try MultipartBody(parsing: Array(body.readableBytesView), boundary: boundary)
        guard !multipart.parts.isEmpty else { throw APIError.badRequest("the multipart body has no parts") }
        let files = multipart.parts.map { Array($0.body) }
        let instances = await staging.read(files)
        var outcomes: [DICOMStageOutcome] = []
        for (index, part) in multipart.parts.enumerated() {
            if let type = part.header("content-type").map({ MediaType($0)?.type ?? $0 }), type != "application/dicom" {
                outcomes.append(DICOMStageOutcome(status: .failed(DICOMFailureReason(
                    code: DICOMFailureReason.cannotUnderstand, message: "a part of type \(type.prefix(80)) is not application/dicom"))))
                continue
            }
            outcomes.append(await staging.stage(files[index], read: instances[index], clinicID: clinicID, requiredStudyUID: study))
        }
        let failed = outcomes.filter { !$0.accepted }.count
        context.logger.info("STOW-RS request", metadata: ["instances": "\(outcomes.count)", "failed": "\(failed)"])
        return try STOWResponse(outcomes: outcomes).response()
    }

    /// `?clinic=` when given (clinic staff: only their own); else a staff member's own clinic; else
    /// `dicom.default_clinic`.
    func clinicID(_ request: Request, principal: Principal, staging: DICOMStaging) async throws -> Int {
        let onlyClinic = principal.role == .clinicStaff ? principal.clinicID : nil
        if let code = try QueryParameters(request).clinicCode() {
            return try await staging.clinicID(code: code, onlyClinicID: onlyClinic)
        }
        if let onlyClinic { return onlyClinic }
        guard !services.dicomDefaultClinic.isEmpty else {
            throw APIError.badRequest("name the clinic with ?clinic=<code> (no dicom.default_clinic is configured)")
        }
        return try await staging.clinicID(code: services.dicomDefaultClinic, onlyClinicID: nil)
    }

    /// The boundary of a `multipart/related; type="application/dicom"` request; anything else is 415.
    static func boundary(_ contentType: String) throws -> String {
        let unsupported = APIError(
            status: .unsupportedMediaType, code: "unsupported_media_type",
            message: "send DICOM instances as multipart/related; type=\"application/dicom\" (DICOM Part 10, one per part)")
        guard let mediaType = MediaType(contentType), mediaType.type == "multipart/related" else { throw unsupported }
        if let type = mediaType.parameters["type"], MediaType(type)?.type != "application/dicom" { throw unsupported }
        guard let boundary = mediaType.boundary else {
            throw APIError.badRequest("the multipart Content-Type needs a boundary of 1–200 ASCII characters")
        }
        return boundary
    }
}
