import Foundation
import Hummingbird
import RequestBodies
import Store
import Triage

/// Studies: upload, look up, list, vitals and key images. Clinic staff reach their own clinic's studies only;
/// another clinic's study answers 404, exactly like a missing one.
struct StudiesController {
    let services: APIServices

    /// The fields of a study upload; others are ignored, as HTML forms may send extra fields.
    static let uploadFields: Set<String> = ["file", "patient_id", "clinic", "acquired_at", "setting"]

    func register(with router: Router<AppRequestContext>) {
        let studies = router.group("api/v1/studies")
        studies.post(use: upload)
        studies.get(use: list)
        studies.get(":id", use: show)
        studies.get(":id/vitals", use: vitalsHistory)
        studies.put(":id/vitals", use: enterVitals)
        studies.get(":id/key-images/:index", use: keyImage)
    }

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<StudyView> {
        let principal = try context.require(.clinicStaff, .admin)
        let limit = services.maxUploadBytes + 64 * 1024
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(
                status: .contentTooLarge, code: "too_large", message: "the upload has \(length) bytes; the limit is \(limit)")
        }
        let body = try await request.body.collect(upTo: limit)
        let form = try MultipartFormData(
            parsing: Array(body.readableBytesView), contentType: request.headers[.contentType] ?? "", accepted: Self.uploadFields)
        guard let file = form.fields["file"] else { throw APIError.badRequest("the multipart field \"file\" is missing") }
        guard let patient = try form.text("patient_id"), !patient.isEmpty else {
            throw APIError.badRequest("the multipart field \"patient_id\" is missing")
        }
        guard let clinic = try form.text("clinic"), !clinic.isEmpty else {
            throw APIError.badRequest("the multipart field \"clinic\" is missing")
        }
        let setting = try form.text("setting").map { text -> IngestRequest.Setting in
            guard let setting = IngestRequest.Setting(rawValue: text) else {
                throw APIError(status: .unprocessableContent, code: "invalid_field", message: "setting must be outpatient or inpatient")
            }
            return setting
        }
        let acquired = try form.text("acquired_at").map { text -> Date in
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw APIError(
                    status: .unprocessableContent, code: "invalid_field",
                    message: "acquired_at must be an ISO 8601 time with zone, e.g. 2020-05-01T09:30:00Z")
            }
            return date
        }
        let result = try await services.ingest.ingest(IngestRequest(
            bytes: Array(file.bytes), clinicCode: clinic, patientPseudonym: patient, setting: setting ?? .outpatient, acquiredAt: acquired,
            actorUserID: principal.userID, actor: principal.name,
            onlyClinicID: principal.role == .clinicStaff ? principal.clinicID : nil))
        context.logger.info("study ingested", metadata: ["study": "\(result.publicID)", "created": "\(result.created)"])
        guard let view = try await services.catalog.study(result.publicID, for: principal) else {
            throw APIError.notFound("study")
        }
        return EditedResponse(status: result.created ? .created : .ok, headers: [.location: "/api/v1/studies/\(view.id)"], response: view)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [StudyView] {
        let principal = try context.require()
        let query = QueryParameters(request)
        let now = Date()
        let from = try query.date("from") ?? Calendar(identifier: .gregorian).startOfDay(for: now)
        let to = try query.date("to") ?? now.addingTimeInterval(1)
        let limit = try query.integer("limit", in: 1...500) ?? 200
        return try await services.catalog.studies(from: from, to: to, clinicCode: try query.clinicCode(), limit: limit, for: principal)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> StudyView {
        let principal = try context.require()
        guard let view = try await services.catalog.study(try Self.studyID(context), for: principal) else {
            throw APIError.notFound("study")
        }
        guard principal.role == .radiologist else { return view }
        let signed = try await services.catalog.hasSigned(view.id, radiologist: principal.userID)
        return BlindReading.redact(view, signedByViewer: signed, for: principal)
    }

    @Sendable func vitalsHistory(_ request: Request, context: AppRequestContext) async throws -> [VitalsEntry] {
        let principal = try context.require()
        guard let (id, _) = try await services.catalog.locate(try Self.studyID(context), for: principal) else {
            throw APIError.notFound("study")
        }
        return try await services.catalog.vitalsHistory(studyID: id)
    }

    @Sendable func enterVitals(_ request: Request, context: AppRequestContext) async throws -> RouteSummary {
        let principal = try context.require(.clinicStaff, .admin)
        guard let (id, _) = try await services.catalog.locate(try Self.studyID(context), for: principal) else {
            throw APIError.notFound("study")
        }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
        guard let fields else { throw APIError.badRequest("the body must be a JSON object of vitals") }
        if let unknown = fields.keys.sorted().first(where: { !Self.vitalsFields.contains($0) }) {
            throw APIError.badRequest("unknown vitals field \"\(unknown.prefix(40))\"; use \(Self.vitalsFields.sorted().joined(separator: ", "))")
        }
        let entry = try context.requestDecoder.decode(VitalsEntry.self, from: Data(buffer: body))
        let outcome = try await services.vitals.record(entry, studyID: id, actor: .user(principal, requestID: context.requestID))
        return RouteSummary(outcome)
    }

    @Sendable func keyImage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require()
        guard let index = context.parameters.get("index", as: Int.self),
            let png = try await services.catalog.keyImage(try Self.studyID(context), index: index, for: principal)
        else { throw APIError.notFound("key image") }
        return Response(
            status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// What clinic staff may send; who entered it and when are the server's to record.
    static let vitalsFields: Set<String> = [
        "temperature_c", "respiratory_rate", "spo2", "pao2_fio2", "shock", "multiple_organ_failure", "respiratory_failure",
        "typical_clinic",
    ]

    static func studyID(_ context: AppRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw APIError.notFound("study") }
        return id
    }
}
