import DICOM
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Store
import TestSupport
import Testing
import VolumeIO

@Suite("DICOMweb: STOW-RS and the stable-series rule")
struct DICOMWebTests {
    @Test("a series in each transfer syntax is stored, then becomes one study with the volume dcm2niix would give",
          arguments: ["implicit_le", "explicit_le", "explicit_be", "deflated"])
    func storeAndAssemble(series name: String) async throws {
        let files = try DICOMWebFixture.series(name)
        try await APIFixture.with { fixture, client in
            let response = try await DICOMWebFixture.stow(client, fixture: fixture, files)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "application/dicom+json")
            #expect(try DICOMWebFixture.sequence(response, "00081199").count == files.count)
            #expect(try DICOMWebFixture.sequence(response, "00081198").isEmpty)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == files.count)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 0)

            let outcome = try await DICOMWebFixture.assembleNext(DICOMWebFixture.assembler(fixture))
            guard case .assembled(_, let study) = outcome else { Issue.record("not assembled: \(outcome)"); return }
            let stored = try await fixture.pool.scalar("""
                SELECT b.data FROM studies s JOIN blobs b ON b.id = s.blob_id WHERE s.id = \(study.studyID)
                """, as: [UInt8].self)
            let expected = try DICOMSeries.assemble(try files.map { try DICOMReader().read($0) }).volume
            let volume = try NIfTIReader().read(stored).volume
            #expect(volume.dims == expected.dims && volume.voxels == expected.voxels)
            #expect(try await fixture.pool.scalar("SELECT format FROM studies WHERE id = \(study.studyID)", as: String.self) == "dicom")
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM jobs WHERE study_id = \(study.studyID)", as: Int.self) == 1)
            #expect(try await fixture.pool.scalar(
                "SELECT count(*) FROM audit_events WHERE action = 'dicom.series.assemble'", as: Int.self) == 1)
        }
    }

    @Test("a malformed instance among good ones fails alone: 202, the good ones kept, the reason given")
    func partialFailure() async throws {
        let files = try DICOMWebFixture.series("explicit_le")
        try await APIFixture.with { fixture, client in
            let response = try await DICOMWebFixture.stow(client, fixture: fixture, files + [try DICOMWebFixture.malformed("truncated_element")])
            #expect(response.status == .accepted, "\(String(buffer: response.body))")
            #expect(try DICOMWebFixture.sequence(response, "00081199").count == files.count)
            let failed = try DICOMWebFixture.sequence(response, "00081198")
            #expect(failed.count == 1)
            #expect((failed.first?["00081197"] as? [String: Any])?["Value"] as? [Int] == [0xC000])
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == files.count)

            let allBad = try await DICOMWebFixture.stow(client, fixture: fixture, [try DICOMWebFixture.malformed("jpeg_baseline")])
            #expect(allBad.status == .conflict)
            let reason = try DICOMWebFixture.sequence(allBad, "00081198").first?["00081197"] as? [String: Any]
            #expect(reason?["Value"] as? [Int] == [0xC122])
        }
    }

    @Test("the same instances again are accepted once; an assembled series never makes a second study")
    func idempotentResend() async throws {
        let files = try DICOMWebFixture.series("explicit_le")
        try await APIFixture.with { fixture, client in
            for _ in 0..<2 { #expect(try await DICOMWebFixture.stow(client, fixture: fixture, files).status == .ok) }
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == files.count)
            _ = try await DICOMWebFixture.assembleNext(DICOMWebFixture.assembler(fixture))
            let again = try await DICOMWebFixture.stow(client, fixture: fixture, files)
            #expect(again.status == .ok)
            #expect(try await DICOMWebFixture.assembler(fixture).assembleNext() == nil)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 1)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == files.count)
        }
    }

    @Test("wrong media types are 415; a bad boundary or header is 400; a study in the URL refuses other studies")
    func refusals() async throws {
        let files = try DICOMWebFixture.series("explicit_le")
        try await APIFixture.with { fixture, client in
            for contentType in ["application/dicom", "multipart/related; type=\"application/dicom+json\"; boundary=x",
                                "multipart/form-data; boundary=x"] {
                let response = try await client.execute(
                    uri: "/dicomweb/studies", method: .post, headers: fixture.auth("staff1", [.contentType: contentType]),
                    body: DICOMWebFixture.body(files))
                #expect(response.status == .unsupportedMediaType, "\(contentType)")
            }
            let tooLong = String(repeating: "b", count: 201)
            var response = try await client.execute(
                uri: "/dicomweb/studies", method: .post,
                headers: fixture.auth("staff1", [.contentType: "multipart/related; type=\"application/dicom\"; boundary=\(tooLong)"]),
                body: DICOMWebFixture.body(files))
            #expect(response.status == .badRequest)
            var garbage = ByteBuffer(string: "--\(DICOMWebFixture.boundary)\r\nCont\u{e9}nt-Type: application/dicom\r\n\r\n")
            garbage.writeBytes(files[0])
            garbage.writeString("\r\n--\(DICOMWebFixture.boundary)--\r\n")
            response = try await client.execute(
                uri: "/dicomweb/studies", method: .post,
                headers: fixture.auth("staff1", [.contentType: "multipart/related; type=application/dicom; boundary=\"\(DICOMWebFixture.boundary)\""]),
                body: garbage)
            #expect(response.status == .badRequest)
            var truncated = DICOMWebFixture.body(files)
            truncated.moveWriterIndex(to: truncated.writerIndex - 40)
            response = try await client.execute(
                uri: "/dicomweb/studies", method: .post,
                headers: fixture.auth("staff1", [.contentType: "multipart/related; type=application/dicom; boundary=\"\(DICOMWebFixture.boundary)\""]),
                body: truncated)
            #expect(response.status == .badRequest)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM dicom_instances", as: Int.self) == 0)

            response = try await DICOMWebFixture.stow(client, fixture: fixture, path: "/dicomweb/studies/1.2.3.4", files)
            #expect(response.status == .conflict)
            let reason = try DICOMWebFixture.sequence(response, "00081198").first?["00081197"] as? [String: Any]
            #expect(reason?["Value"] as? [Int] == [0xA900])
            let study = try DICOMReader().read(files[0]).studyInstanceUID
            response = try await DICOMWebFixture.stow(client, fixture: fixture, path: "/dicomweb/studies/\(study)", files)
            #expect(response.status == .ok)

            response = try await DICOMWebFixture.stow(client, fixture: fixture, as: "staff1", path: "/dicomweb/studies?clinic=MSK-02", files)
            #expect(response.status == .forbidden)
            response = try await DICOMWebFixture.stow(client, fixture: fixture, as: "admin", files)
            #expect(response.status == .badRequest, "admin without ?clinic= and no default clinic")
        }
    }

    @Test("two assemblers racing over one database assemble a series once")
    func concurrentAssemblers() async throws {
        let files = try DICOMWebFixture.series("implicit_le")
        try await APIFixture.with { fixture, client in
            let stored = try await DICOMWebFixture.stow(client, fixture: fixture, files)
            #expect(stored.status == .ok)
            let first = DICOMWebFixture.assembler(fixture), second = DICOMWebFixture.assembler(fixture)
            async let a = DICOMWebFixture.assembleNext(first, timeout: .seconds(5))
            async let b = DICOMWebFixture.assembleNext(second, timeout: .seconds(5))
            let outcomes = [try? await a, try? await b].compactMap { $0 }
            #expect(outcomes.count == 1)
            #expect(try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 1)
            #expect(try await fixture.pool.scalar("SELECT state FROM dicom_series", as: String.self) == "assembled")
        }
    }

    @Test("the stable-series service turns a quiet series into a study on its own, and stops when cancelled")
    func serviceAssembles() async throws {
        let files = try DICOMWebFixture.series("explicit_le")
        try await APIFixture.with { fixture, client in
            // A quiet period longer than staging the request's instances one by one takes on a loaded machine, or
            // the service could assemble the series between two of them.
            let service = StableSeriesService(
                assembler: DICOMWebFixture.assembler(fixture, stableSeconds: 2), pollInterval: .milliseconds(50), logger: TestPostgres.logger)
            let running = Task { try await service.run() }
            let stored = try await DICOMWebFixture.stow(client, fixture: fixture, files)
            #expect(stored.status == .ok)
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(30)
            while try await fixture.pool.scalar("SELECT count(*) FROM studies", as: Int.self) == 0, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            running.cancel()
            try await running.value
            #expect(try await fixture.pool.scalar("SELECT state FROM dicom_series", as: String.self) == "assembled")
        }
    }
}
