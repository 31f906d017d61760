import Foundation
@testable import DICOM

/// The committed DICOM fixtures and what dcm2niix + nibabel made of them (Scripts/make-dicom-fixtures.py).
enum DICOMFixtures {
    struct Expected: Decodable, Sendable, CustomStringConvertible {
        var series: String
        var voxels_from: String
        var dims: [Int]
        var spacing_mm: [Double]
        var affine: [[Double]]
        var orientation: String
        var hu_sum: Int
        var hu_weighted_sum: Int
        var hu_min: Int
        var hu_max: Int
        var clamped: Bool

        var description: String { series }
    }

    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    /// Every file of a series directory, in file-name order (which is not slice order).
    static func seriesFiles(_ name: String) throws -> [[UInt8]] {
        let folder = directory.appendingPathComponent("series").appendingPathComponent(name)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".dcm") }.sorted()
        return try names.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    static func instances(_ name: String) throws -> [DICOMInstance] {
        try seriesFiles(name).map { try DICOMReader().read($0) }
    }

    static let expected: [Expected] = {
        do {
            let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
            return try JSONDecoder().decode([Expected].self, from: data)
        } catch {
            fatalError("Fixtures/expected.json is unreadable: \(error)")
        }
    }()
}
