import Testing
import Triage

@Suite("rules file: missing, invalid and contradictory keys")
struct RulesValidationTests {
    struct Edit: Sendable, CustomTestStringConvertible {
        var old: String
        var new: String
        var code: TriageError.Code
        var key: String
        var testDescription: String { "\(old.trimmingCharacters(in: .whitespaces)) → \(key)" }
    }

    static let edits: [Edit] = [
        Edit(old: "  ct3_from_percent: 50\n", new: "", code: .missingKey, key: "categories.ct3_from_percent"),
        Edit(old: "ct3_from_percent: 50", new: "ct3_from_percent: 20", code: .contradictoryThresholds, key: "categories.ct3_from_percent"),
        Edit(old: "ct4_from_percent: 75", new: "ct4_from_percent: 50", code: .contradictoryThresholds, key: "categories.ct4_from_percent"),
        Edit(old: "ct2_from_percent: 25", new: "ct2_from_percent: 0.4", code: .contradictoryThresholds, key: "categories.ct2_from_percent"),
        Edit(old: "ct4_from_percent: 75", new: "ct4_from_percent: 101", code: .invalidValue, key: "categories.ct4_from_percent"),
        Edit(old: "ct2_from_percent: 25", new: "ct2_from_percent: twenty", code: .invalidValue, key: "categories.ct2_from_percent"),
        Edit(old: "rr_at_least: 30", new: "rr_at_least: 18", code: .contradictoryThresholds, key: "vitals.severe.rr_at_least"),
        Edit(old: "spo2_at_most: 94", new: "spo2_at_most: 96", code: .contradictoryThresholds, key: "vitals.moderate.spo2_at_most"),
        Edit(old: "fever_above: 38.5", new: "fever_above: 37.5", code: .contradictoryThresholds, key: "vitals.severe.fever_above"),
        Edit(old: "spo2_below: 93", new: "spo2_below: 95", code: .contradictoryThresholds, key: "emergency.spo2_below"),
        Edit(old: "minimum_severity: severe\n\n# §3", new: "minimum_severity: high\n\n# §3", code: .invalidValue, key: "emergency.minimum_severity"),
        Edit(old: "window_hours: 48", new: "window_hours: 0", code: .invalidValue, key: "progression.window_hours"),
        Edit(old: "    P1: 15", new: "    P1: 5", code: .contradictoryThresholds, key: "queue.target_minutes.P1"),
        Edit(old: "    P4: 180", new: "    P4: 1.5", code: .invalidValue, key: "queue.target_minutes.P4"),
        Edit(old: "unestimated_tier: P3", new: "unestimated_tier: P9", code: .invalidValue, key: "queue.unestimated_tier"),
        Edit(old: "sample_rate: 0.90", new: "sample_rate: 0.5", code: .contradictoryThresholds, key: "second_reading.sample_rate"),
        Edit(old: "coverage_target: 0.90", new: "coverage_target: 1.5", code: .invalidValue, key: "second_reading.coverage_target"),
        Edit(old: "major_distance: 2", new: "major_distance: 1", code: .invalidValue, key: "second_reading.major_distance"),
        Edit(old: "hospital_from: CT-3", new: "hospital_from: CT-0", code: .contradictoryThresholds, key: "second_reading.hospital_from"),
        Edit(old: "spo2: {min: 50, max: 100}", new: "spo2: {min: 100, max: 50}", code: .contradictoryThresholds, key: "input_ranges.spo2.max"),
        Edit(old: "outpatient: \"EMERGENCY: hospitalisation by ambulance.\"", new: "outpatient: \"  \"", code: .invalidValue, key: "decisions.emergency.outpatient"),
        Edit(old: "  severe:\n    outpatient", new: "  severe:\n    outpatiant", code: .missingKey, key: "decisions.severe.outpatient"),
        Edit(old: "  ct4_from_percent: 75", new: "  ct4_from_percent: 75\n  ct5_from_percent: 90", code: .unknownKey, key: "categories.ct5_from_percent"),
        Edit(old: "    P2: 30\n", new: "    P2: 30\n    P2: 5\n", code: .duplicateKey, key: "queue.target_minutes.P2"),
        Edit(old: "vitals:\n  moderate:", new: "vitals:\n  moderate: 3\n  moderato:", code: .invalidValue, key: "vitals.moderate"),
    ]

    @Test("each bad edit fails with an error naming the key", arguments: edits)
    func badEdit(edit: Edit) throws {
        let text = try Fixtures.configText().replacingOnce(edit.old, with: edit.new)
        #expect {
            try RoutingRules(yaml: text)
        } throws: { error in
            guard let error = error as? TriageError else { return false }
            return error.code == edit.code && error.subject == edit.key && error.message.contains(edit.key)
        }
    }

    @Test("not YAML, or not a mapping, is a malformed-rules error", arguments: ["categories: [unclosed", "- a\n- b", "", "42"])
    func malformed(text: String) {
        #expect { try RoutingRules(yaml: text) } throws: { ($0 as? TriageError)?.code == .malformedRules }
    }

    @Test("the error message shows the line of a bad value")
    func lineNumber() throws {
        let text = try Fixtures.configText().replacingOnce("ct2_from_percent: 25", with: "ct2_from_percent: 25%")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("25%") }) + 1
        #expect { try RoutingRules(yaml: text) } throws: { ($0 as? TriageError)?.message.contains("(line \(line))") == true }
    }

    @Test("the spec defaults pass validation")
    func defaultsValid() throws {
        try RoutingRules.specDefaults.validate()
    }
}
