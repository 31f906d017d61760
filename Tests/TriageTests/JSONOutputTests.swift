import Foundation
import Testing
import Triage

@Suite("JSON rendering of a decision")
struct JSONOutputTests {
    @Test("one object with the documented keys and values")
    func object() throws {
        let decision = try Fixtures.route(.ct2, Fixtures.normal(with: .spo2, 92), setting: .inpatient)
        let text = decision.jsonText()
        #expect(text.hasPrefix("{\"severity\":\"severe\",\"tier\":\"P0\",\"emergency\":true,\"decision\":"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["severity", "tier", "emergency", "decision", "trace"])
        #expect(object["decision"] as? String == decision.decision)
        #expect(object["trace"] as? [String] == decision.trace)
        #expect(object["emergency"] as? Bool == true)
    }

    @Test("texts are escaped")
    func escaping() throws {
        var decision = try Fixtures.route(.ct0)
        decision.decision = "quote \" backslash \\ newline \n tab \t bell \u{07} arrow → done"
        let object = try #require(try JSONSerialization.jsonObject(with: Data(decision.jsonText().utf8)) as? [String: Any])
        #expect(object["decision"] as? String == decision.decision)
        #expect(!decision.jsonText().contains("\n"))
    }
}
