import Testing
import Triage

@Suite("§1 CT category from involvement")
struct CategoryBoundaryTests {
    @Test("half-open bounds", arguments: [
        (0.0, CTCategory.ct0), (0.49, .ct0), (0.5, .ct0), (0.51, .ct1), (24.99, .ct1), (25, .ct2), (49.99, .ct2),
        (50, .ct3), (74.99, .ct3), (75, .ct4), (100, .ct4),
    ])
    func category(involvement: Double, expected: CTCategory) throws {
        #expect(try Fixtures.router.category(forInvolvement: involvement) == expected)
    }

    @Test("the detection floor is configurable", arguments: [(0.5, CTCategory.ct0), (0.99, .ct0), (1.0, .ct0), (1.01, .ct1)])
    func configurableFloor(involvement: Double, expected: CTCategory) throws {
        var rules = RoutingRules.specDefaults
        rules.categories.detectionFloorPercent = 1.0
        #expect(try TriageRouter(rules: rules).category(forInvolvement: involvement) == expected)
    }

    @Test("every category maps to its Table 2 severity", arguments: zip(
        CTCategory.allCases, [Severity.zero, .mild, .moderate, .severe, .critical]
    ))
    func severity(category: CTCategory, expected: Severity) {
        #expect(category.severity == expected)
    }

    @Test("trace line names the interval")
    func traceLine() throws {
        #expect(try Fixtures.router.categoryTraceLine(forInvolvement: 37.2) == "Involvement 37.2 % in [25, 50) → CT-2 (§1)")
        #expect(try Fixtures.router.categoryTraceLine(forInvolvement: 0.5) == "Involvement 0.5 % ≤ detection floor 0.5 → CT-0 (§1)")
    }

    @Test("involvement outside 0–100 is rejected", arguments: [-0.1, 100.1, Double.nan])
    func rejected(involvement: Double) {
        #expect(throws: TriageError.self) { try Fixtures.router.category(forInvolvement: involvement) }
    }

    @Test("labels parse case-insensitively and reject others", arguments: ["CT-0", "ct-3", " CT-4 "])
    func labels(text: String) throws {
        #expect(try CTCategory(label: text).label == text.trimmingCharacters(in: .whitespaces).uppercased())
    }

    @Test("unknown labels name the field", arguments: ["CT-5", "CT3", "3", ""])
    func badLabels(text: String) {
        #expect { try CTCategory(label: text) } throws: { ($0 as? TriageError)?.subject == "ct" }
    }
}
