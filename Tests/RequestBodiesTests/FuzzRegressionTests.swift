import Foundation
import RequestBodies
import Testing

@Suite("request-body fuzz regressions")
struct FuzzRegressionTests {
    static func files(_ folder: String) throws -> [URL] {
        let root = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures").appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true }.sorted { $0.path < $1.path }
    }

    @Test("every crasher kept in Fixtures/fuzz decodes or throws a decoding error, as the fuzz target requires")
    func crashers() throws {
        let files = try Self.files("fuzz")
        #expect(!files.isEmpty)
        for file in files {
            try Self.expectHandled(Array(Data(contentsOf: file)), file.lastPathComponent)
        }
    }

    @Test("the seed corpus decodes cleanly, one seed per body kind")
    func seeds() throws {
        let files = try Self.files("")
        var kinds = Set<UInt8>()
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            kinds.insert(bytes[0])
            try AnyRequestBody.decode(bytes)
        }
        #expect(kinds.count == AnyRequestBody.Kind.allCases.count)
    }

    static func expectHandled(_ bytes: [UInt8], _ name: String) throws {
        do {
            try AnyRequestBody.decode(bytes)
        } catch is RequestBodyError {
        } catch is DecodingError {
        } catch {
            Issue.record("\(name): unexpected \(error)")
        }
    }
}
