import Testing
@testable import Estimator

struct CTCategoryTests {
    @Test(arguments: [
        (0.0, CTCategory.ct0), (0.5, .ct0), (0.51, .ct1), (24.99, .ct1), (25, .ct2), (49.99, .ct2),
        (50, .ct3), (74.99, .ct3), (75, .ct4), (100, .ct4),
    ])
    func halfOpenBounds(involvement: Double, expected: CTCategory) {
        #expect(CTCategory(involvementPercent: involvement) == expected)
    }

    @Test func detectionFloorIsConfigurable() {
        #expect(CTCategory(involvementPercent: 1.5, detectionFloorPercent: 2) == .ct0)
        #expect(CTCategory(involvementPercent: 2.5, detectionFloorPercent: 2) == .ct1)
    }

    @Test(arguments: [("CT-3", CTCategory?.some(.ct3)), ("ct0", .ct0), ("4", .ct4), ("CT-7", nil), ("XY-1", nil)])
    func parsesLabels(label: String, expected: CTCategory?) {
        #expect(CTCategory(label: label) == expected)
    }
}
