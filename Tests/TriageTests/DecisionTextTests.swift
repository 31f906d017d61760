import Testing
import Triage

@Suite("§4 decision text by setting")
struct DecisionTextTests {
    static let rows: [(CTCategory, CareSetting, String)] = [
        (.ct0, .outpatient, "Inform the attending physician; refer to a specialist."),
        (.ct0, .inpatient, "Inform the attending physician; refer to a specialist."),
        (.ct1, .outpatient, "Home follow-up with mandatory telemonitoring."),
        (.ct1, .inpatient, "Home follow-up with mandatory telemonitoring."),
        (.ct2, .outpatient, "Home follow-up by a primary care physician."),
        (.ct2, .inpatient, "Home follow-up by a primary care physician."),
        (.ct3, .outpatient, "Immediate admission to a COVID-19 hospital."),
        (.ct3, .inpatient, "Immediate transfer to the ICU."),
        (.ct4, .outpatient, "Emergency medical care; immediate admission to a specialised hospital."),
        (.ct4, .inpatient, "Immediate transfer to the ICU."),
    ]

    @Test("both settings, every severity", arguments: rows)
    func text(category: CTCategory, setting: CareSetting, expected: String) throws {
        #expect(try Fixtures.route(category, setting: setting).decision == expected)
    }

    @Test("setting names parse; others name the field", arguments: ["outpatient", "INPATIENT"])
    func settingNames(name: String) throws {
        #expect(try CareSetting(name: name).rawValue == name.lowercased())
        #expect { try CareSetting(name: "ward") } throws: { ($0 as? TriageError)?.subject == "setting" }
    }
}
