import DICOM
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
import VolumeIO

@Suite("DICOMweb: series that cannot be assembled")
struct DICOMWebAssemblyFailureTests {
    @Test("two instances at one position fail the series with the reason; its instances are kept")
    func duplicatePosition() async throws {
        let files = try DICOMWebFixture.series("explicit_le")
        let sop = try DICOMReader().read(files[0]).sopInstanceUID
        // Another SOP Instance UID of the same length for a copy of the first slice: same series, same position.
        let other = String(sop.dropLast()) + (sop.hasSuffix("1") ? "2" : "1")
        let copy = Self.replacing(Array(sop.utf8), with: Array(other.utf8), in: files[0])
        try await APIFixture.with { fixture, client in
            let response = try await DICOMWebFixture.stow(client, fixture: fixture, files + [copy])
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let outcome = try await DICOMWebFixture.assembleNext(DICOMWebFixture.assembler(fixture))
            guard case .failed(_, let reason) = outcome else { Issue.record("assembled: \(outcome)"); return }
            #expect(reason.hasPrefix("duplicatePosition"), "\(reason)")
            #expect(try await fixture.pool.scalar("SELECT failure_reason FROM dicom_series", as: String.self) == reason)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == files.count + 1)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 0)
            #expect(try await fixture.pool.scalar(
                "SELECT count(*) FROM audit_events WHERE action = 'dicom.series.fail'", as: Int.self) == 1)
        }
    }

    static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var index = 0
        while index + old.count <= result.count {
            if Array(result[index..<(index + old.count)]) == old {
                result.replaceSubrange(index..<(index + old.count), with: new)
                index += new.count
            } else {
                index += 1
            }
        }
        return result
    }
}
