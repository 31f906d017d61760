import DICOM
import Foundation
import Hummingbird
import Store

extension DICOMWebController {
    /// QIDO-RS study search: StudyInstanceUID, StudyDate (`YYYYMMDD`, `YYYYMMDD-YYYYMMDD`, open-ended ranges),
    /// PatientID (matched by its digest; the value is never stored), limit and offset.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require()
        let query = QueryParameters(request)
        var filter = DICOMStudySearch.Filter()
        filter.clinicID = principal.role == .clinicStaff ? principal.clinicID : nil
        if let uid = query["StudyInstanceUID"] {
            guard DICOMStaging.isValidUID(uid) else { throw APIError.badRequest("StudyInstanceUID must be a UID (digits and dots)") }
            filter.studyUID = uid
        }
        if let date = query["StudyDate"] { (filter.dateFrom, filter.dateTo) = try Self.dateRange(date) }
        if let patient = query["PatientID"] {
            guard let hash = DICOMReader.patientIDHash(patient) else { throw APIError.badRequest("PatientID must not be empty") }
            filter.patientIDHash = hash
        }
        filter.limit = try query.integer("limit", in: 1...1000) ?? 100
        filter.offset = try query.integer("offset", in: 0...1_000_000) ?? 0
        let matches = try await DICOMStudySearch(pool: services.pool).studies(filter)
        let datasets: [[String: Any]] = matches.map { match in
            var dataset: [String: Any] = [
                "0020000D": ["vr": "UI", "Value": [match.studyUID]],
                "00080061": ["vr": "CS", "Value": ["CT"]],
                "00201206": ["vr": "IS", "Value": [match.seriesCount]],
                "00201208": ["vr": "IS", "Value": [match.instanceCount]],
                // Retrieve URL: CTriage has no WADO-RS; this is the study in its own API.
                "00081190": ["vr": "UR", "Value": ["/api/v1/studies/\(match.publicID)"]],
            ]
            dataset["00080020"] = match.studyDate.map { ["vr": "DA", "Value": [$0]] } ?? ["vr": "DA"]
            dataset["00080030"] = match.studyTime.map { ["vr": "TM", "Value": [$0]] } ?? ["vr": "TM"]
            return dataset
        }
        let body = try JSONSerialization.data(withJSONObject: datasets, options: [.sortedKeys])
        return Response(status: .ok, headers: [.contentType: "application/dicom+json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `YYYYMMDD`, `YYYYMMDD-YYYYMMDD`, `YYYYMMDD-` or `-YYYYMMDD` (PS3.4 C.2.2.2.5.1).
    static func dateRange(_ text: String) throws -> (String?, String?) {
        let bad = APIError.badRequest("StudyDate must be YYYYMMDD or a range YYYYMMDD-YYYYMMDD (either end may be open)")
        func date(_ part: Substring) throws -> String? {
            if part.isEmpty { return nil }
            guard part.count == 8, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else { throw bad }
            return String(part)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let day = try date(parts[0]) else { throw bad }
            return (day, day)
        case 2:
            let range = (try date(parts[0]), try date(parts[1]))
            guard range.0 != nil || range.1 != nil else { throw bad }
            return range
        default: throw bad
        }
    }
}
