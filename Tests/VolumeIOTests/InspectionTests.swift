import Foundation
import Testing
@testable import VolumeIO

@Suite("inspect rendering")
struct InspectionTests {
    @Test("JSON is one object with exactly the documented keys and nibabel's values")
    func json() throws {
        let expected = try #require(Fixtures.expected.first { $0.file == "scaled_int16.nii.gz" })
        let image = try NIfTIReader().read(contentsOfFile: Fixtures.path(expected.file), collectStatistics: true)
        let text = image.inspectionJSON()
        #expect(!text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["dims", "spacing_mm", "datatype", "affine", "scl_slope", "scl_inter",
                                     "qform_code", "sform_code", "min", "max", "sum"])
        #expect(object["dims"] as? [Int] == expected.dims)
        #expect(object["datatype"] as? String == "int16")
        #expect(object["scl_slope"] as? Double == 2.5)
        #expect(object["scl_inter"] as? Double == -1024)
        #expect(object["min"] as? Double == expected.min)
        #expect(object["max"] as? Double == expected.max)
        #expect(object["sum"] as? Double == expected.sum)
        let affine = try #require(object["affine"] as? [[Double]])
        #expect(affine.count == 4 && affine[3] == [0, 0, 0, 1])
        #expect(text.hasPrefix("{\"dims\":[7,6,5],\"spacing_mm\":["))
    }

    @Test("NaN slope is rendered as null, keeping the JSON valid")
    func nanSlope() throws {
        let image = try NIfTIReader().read(contentsOfFile: Fixtures.path("slope_nan_int16.nii"), collectStatistics: true)
        #expect(image.inspectionJSON().contains("\"scl_slope\":null,\"scl_inter\":55,"))
        #expect(try JSONSerialization.jsonObject(with: Data(image.inspectionJSON().utf8)) is [String: Any])
    }

    @Test("summary names the orientation and the qfac")
    func summary() throws {
        let image = try NIfTIReader().read(contentsOfFile: Fixtures.path("mosmed_qfac_neg.nii.gz"), collectStatistics: true)
        let summary = image.inspectionSummary()
        #expect(summary.contains("orientation LPI"))
        #expect(summary.contains("qfac -1"))
        #expect(summary.contains("dims        7 × 6 × 5"))
    }
}
