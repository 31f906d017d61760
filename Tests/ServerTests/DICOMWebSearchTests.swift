import DICOM
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("DICOMweb: QIDO-RS study search")
struct DICOMWebSearchTests {
    @Test("filters by StudyInstanceUID, StudyDate (day and ranges) and PatientID digest; staff see their clinic only")
    func filters() async throws {
        let files = try DICOMWebFixture.series("explicit_le")
        let study = try DICOMReader().read(files[0]).studyInstanceUID
        try await APIFixture.with { fixture, client in
            #expect(try await DICOMWebFixture.stow(client, fixture: fixture, files).status == .ok)
            _ = try await DICOMWebFixture.assembleNext(DICOMWebFixture.assembler(fixture))
            func search(_ query: String, as user: String = "rad1") async throws -> [[String: Any]] {
                let response = try await client.execute(uri: "/dicomweb/studies\(query)", method: .get, headers: fixture.auth(user))
                #expect(response.status == .ok, "\(query) \(String(buffer: response.body))")
                return try APIFixture.jsonArray(response)
            }
            let all = try await search("")
            #expect(all.count == 1)
            #expect((all.first?["0020000D"] as? [String: Any])?["Value"] as? [String] == [study])
            #expect((all.first?["00201208"] as? [String: Any])?["Value"] as? [Int] == [files.count])
            #expect((all.first?["00080020"] as? [String: Any])?["Value"] as? [String] == ["20260115"])
            #expect(try await search("?StudyInstanceUID=\(study)").count == 1)
            #expect(try await search("?StudyInstanceUID=1.2.3").isEmpty)
            #expect(try await search("?StudyDate=20260115").count == 1)
            #expect(try await search("?StudyDate=20260101-20260131").count == 1)
            #expect(try await search("?StudyDate=20260116-").isEmpty)
            #expect(try await search("?StudyDate=-20260114").isEmpty)
            #expect(try await search("?PatientID=FIXTURE-0001").count == 1)
            #expect(try await search("?PatientID=FIXTURE-0002").isEmpty)
            #expect(try await search("?offset=1").isEmpty)
            #expect(try await search("", as: "staff1").count == 1)
            #expect(try await search("", as: "staff2").isEmpty)
            let bad = try await client.execute(uri: "/dicomweb/studies?StudyDate=2026-01-15", method: .get, headers: fixture.auth("rad1"))
            #expect(bad.status == .badRequest)
        }
    }
}
