import Foundation
@testable import VolumeIO

/// The committed fixtures and what nibabel read from them (written by Scripts/make-nifti-fixtures.py).
enum Fixtures {
    struct Expected: Decodable, Sendable, CustomStringConvertible {
        var file: String
        var nifti_version: Int
        var gzip: Bool
        var big_endian: Bool
        var dims: [Int]
        var zooms: [Double]
        var spacing_mm: [Double]
        var affine: [[Double]]
        var datatype: String
        var scl_slope: Double?
        var scl_inter: Double?
        var qform_code: Int
        var sform_code: Int
        var qfac: Double
        var min: Double
        var max: Double
        var sum: Double
        var hu_sum: Int
        var hu_weighted_sum: Int
        var clamped: Bool

        var description: String { file }
    }

    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))) }

    static let expected: [Expected] = {
        do {
            let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
            return try JSONDecoder().decode([Expected].self, from: data)
        } catch {
            fatalError("Fixtures/expected.json is unreadable: \(error)")
        }
    }()
}
