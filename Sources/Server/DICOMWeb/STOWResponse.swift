import Foundation
import Hummingbird
import Store

/// The STOW-RS response data set (PS3.18 10.5.3) in DICOM JSON: ReferencedSOPSequence (0008,1199) for stored
/// instances, FailedSOPSequence (0008,1198) with a FailureReason (0008,1197) for the others.
struct STOWResponse {
    /// CT Image Storage: the reader refuses every other kind of instance, so it is the class of all stored ones.
    static let ctImageStorage = "1.2.840.10008.5.1.4.1.1.2"

    var outcomes: [DICOMStageOutcome]

    /// 200 all stored, 202 some failed, 409 all failed (PS3.18 10.5.3).
    var status: HTTPResponse.Status {
        let accepted = outcomes.filter(\.accepted).count
        if accepted == outcomes.count { return .ok }
        return accepted == 0 ? .conflict : .accepted
    }

    func response() throws -> Response {
        var dataset: [String: Any] = [:]
        let referenced = outcomes.filter(\.accepted).map { outcome -> [String: Any] in
            reference(outcome)
        }
        let failed = outcomes.compactMap { outcome -> [String: Any]? in
            guard case .failed(let reason) = outcome.status else { return nil }
            var item = reference(outcome)
            item["00081197"] = ["vr": "US", "Value": [Int(reason.code)]]
            // Error Comment: why, in words (the code alone rarely says enough).
            item["00000902"] = ["vr": "LO", "Value": [reason.message]]
            return item
        }
        if !referenced.isEmpty { dataset["00081199"] = ["vr": "SQ", "Value": referenced] }
        if !failed.isEmpty { dataset["00081198"] = ["vr": "SQ", "Value": failed] }
        let body = try JSONSerialization.data(withJSONObject: dataset, options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/dicom+json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func reference(_ outcome: DICOMStageOutcome) -> [String: Any] {
        guard let sop = outcome.sopInstanceUID else { return [:] }
        return ["00081150": ["vr": "UI", "Value": [Self.ctImageStorage]], "00081155": ["vr": "UI", "Value": [sop]]]
    }
}
