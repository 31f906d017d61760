import Testing
import Triage

@Suite("rules file: the real Config/routing.yaml")
struct RulesConfigTests {
    @Test("the shipped file decodes to exactly the spec defaults")
    func shippedEqualsSpec() throws {
        #expect(try RoutingRules(yaml: Fixtures.configText()) == RoutingRules.specDefaults)
    }

    @Test("changing a threshold in the YAML text changes the route")
    func thresholdChangeChangesRoute() throws {
        let text = try Fixtures.configText()
        let vitals = Fixtures.normal(with: .spo2, 94)
        let before = try Fixtures.route(.ct1, vitals, router: TriageRouter(rules: RoutingRules(yaml: text)))
        #expect(before.severity == .severe)

        let edited = try text.replacingOnce("    spo2_at_most: 94", with: "    spo2_at_most: 93")
        let after = try Fixtures.route(.ct1, vitals, router: TriageRouter(rules: RoutingRules(yaml: edited)))
        #expect(after.severity == .moderate)
        #expect(after.tier == .p3)
        #expect(after.trace.contains("SpO2 94 ≤ 95 → moderate (Table 2, CT-2 row)"))
    }

    @Test("changing a category bound or a decision text takes effect")
    func boundAndTextChange() throws {
        let edited = try Fixtures.configText()
            .replacingOnce("ct3_from_percent: 50", with: "ct3_from_percent: 40")
            .replacingOnce("inpatient: \"Immediate transfer to the ICU.\"", with: "inpatient: \"Call the ICU team.\"")
        let router = TriageRouter(rules: try RoutingRules(yaml: edited))
        #expect(try router.category(forInvolvement: 45) == .ct3)
        #expect(try Fixtures.route(.ct3, setting: .inpatient, router: router).decision == "Call the ICU team.")
        #expect(try Fixtures.route(.ct4, setting: .inpatient, router: router).decision == "Immediate transfer to the ICU.")
    }
}

extension String {
    struct NotFound: Error { var text: String }

    /// Replaces the single occurrence of `old`; throws if it is absent so an edit cannot silently do nothing.
    func replacingOnce(_ old: String, with new: String) throws -> String {
        guard let range = range(of: old) else { throw NotFound(text: old) }
        return replacingCharacters(in: range, with: new)
    }
}
