import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Triage

/// The committed DICOM fixtures (Tests/DICOMTests/Fixtures, see docs/dicom.md) and STOW-RS requests made of them.
enum DICOMWebFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DICOMTests/Fixtures")

    /// The instances of a fixture series, in file-name order.
    static func series(_ name: String) throws -> [[UInt8]] {
        let folder = fixtures.appendingPathComponent("series/\(name)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".dcm") }.sorted()
        return try names.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    static func malformed(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("malformed/\(name).dcm")))
    }

    /// Longer than RFC 2046's 70 characters, as Orthanc's are, and quoted in the header.
    static let boundary = "ctriage-stow-" + String(repeating: "0123456789", count: 9)

    static func body(_ instances: [[UInt8]], partType: String = "application/dicom") -> ByteBuffer {
        var body = ByteBuffer()
        for instance in instances {
            body.writeString("--\(boundary)\r\nContent-Type: \(partType)\r\n\r\n")
            body.writeBytes(instance)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    static func stow(
        _ client: some TestClientProtocol, fixture: APIFixture, as user: String = "staff1", path: String = "/dicomweb/studies",
        _ instances: [[UInt8]]
    ) async throws -> TestResponse {
        try await client.execute(
            uri: path, method: .post,
            headers: fixture.auth(user, [.contentType: "multipart/related; type=\"application/dicom\"; boundary=\"\(boundary)\""]),
            body: body(instances))
    }

    /// The DICOM JSON sequence `tag` of a STOW-RS response.
    static func sequence(_ response: TestResponse, _ tag: String) throws -> [[String: Any]] {
        let dataset = try APIFixture.json(response)
        return (dataset[tag] as? [String: Any])?["Value"] as? [[String: Any]] ?? []
    }

    static func assembler(_ fixture: APIFixture, stableSeconds: Double = 0.05) -> DICOMSeriesAssembler {
        DICOMSeriesAssembler(
            pool: fixture.pool, ingest: StudyIngest(pool: fixture.pool, router: TriageRouter()), stableSeconds: stableSeconds,
            logger: TestPostgres.logger)
    }

    /// Runs the assembler until it has dealt with a series or `timeout` passes (the quiet period is measured by
    /// the database clock, so the first passes may find nothing yet).
    static func assembleNext(_ assembler: DICOMSeriesAssembler, timeout: Duration = .seconds(30)) async throws -> DICOMSeriesAssembler.Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let outcome = try await assembler.assembleNext() { return outcome }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw FixtureError(message: "no series became stable within \(timeout)")
    }
}
