import Testing
import Triage

@Suite("§2 clinical severity from vitals")
struct ClinicalSeverityTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var vitals: Vitals
        var level: Severity?
        var emergency = false
        var testDescription: String { "\(vitals) → \(level?.name ?? "none")" }
    }

    static let boundaries: [Row] = [
        // Temperature 37.9 / 38.0 / 38.5 / 38.6 (afebrile SpO2 98: fever alone is moderate).
        Row(vitals: Fixtures.normal(with: .temperature, 37.9), level: nil),
        Row(vitals: Fixtures.normal(with: .temperature, 38.0), level: .moderate),
        Row(vitals: Fixtures.normal(with: .temperature, 38.5), level: .moderate),
        Row(vitals: Fixtures.normal(with: .temperature, 38.6), level: .moderate),
        // Fever > 38.5 together with SpO2 ≤ 95 is severe; at exactly 38.5 it stays moderate.
        Row(vitals: Vitals(temperature: 38.6, respiratoryRate: 16, spo2: 95), level: .severe),
        Row(vitals: Vitals(temperature: 38.5, respiratoryRate: 16, spo2: 95), level: .moderate),
        Row(vitals: Vitals(temperature: 38.6, respiratoryRate: 16, spo2: 96), level: .moderate),
        // RR 19 / 20 / 29 / 30.
        Row(vitals: Fixtures.normal(with: .respiratoryRate, 19), level: nil),
        Row(vitals: Fixtures.normal(with: .respiratoryRate, 20), level: .moderate),
        Row(vitals: Fixtures.normal(with: .respiratoryRate, 29), level: .moderate),
        Row(vitals: Fixtures.normal(with: .respiratoryRate, 30), level: .severe),
        // SpO2 96 / 95 / 94 / 93 / 92 (below 93: emergency).
        Row(vitals: Fixtures.normal(with: .spo2, 96), level: nil),
        Row(vitals: Fixtures.normal(with: .spo2, 95), level: .moderate),
        Row(vitals: Fixtures.normal(with: .spo2, 94), level: .severe),
        Row(vitals: Fixtures.normal(with: .spo2, 93), level: .severe),
        Row(vitals: Fixtures.normal(with: .spo2, 92), level: .severe, emergency: true),
        // PaO2/FiO2 300 / 301.
        Row(vitals: Fixtures.normal(with: .pfRatio, 300), level: .severe),
        Row(vitals: Fixtures.normal(with: .pfRatio, 301), level: nil),
    ]

    @Test("numeric boundaries", arguments: boundaries)
    func boundary(row: Row) {
        let assessment = Fixtures.router.assessVitals(row.vitals)
        #expect(assessment.level == row.level)
        #expect(assessment.emergency == row.emergency)
        #expect(assessment.pendingFields.isEmpty)
    }

    enum Sign: String, CaseIterable, Sendable {
        case shock = "Shock"
        case organFailure = "Multiple organ failure"
        case respiratoryFailure = "Respiratory failure"

        func vitals(_ answer: Bool?) -> Vitals {
            var vitals = Fixtures.normal
            switch self {
            case .shock: vitals.shock = answer
            case .organFailure: vitals.multipleOrganFailure = answer
            case .respiratoryFailure: vitals.respiratoryFailure = answer
            }
            return vitals
        }
    }

    @Test("each yes/no sign: yes → critical, no or missing → nothing", arguments: Sign.allCases, [true, false, nil] as [Bool?])
    func sign(sign: Sign, answer: Bool?) {
        let assessment = Fixtures.router.assessVitals(sign.vitals(answer))
        #expect(assessment.level == (answer == true ? .critical : nil))
        #expect(assessment.trace.contains("\(sign.rawValue) → critical (Table 2, CT-4 row)") == (answer == true))
    }

    @Test("typical clinic alone does not change the clinical level", arguments: [true, false])
    func typicalClinic(answer: Bool) {
        var vitals = Fixtures.normal
        vitals.typicalClinic = answer
        #expect(Fixtures.router.assessVitals(vitals).level == nil)
    }

    @Test("trace lines carry the values that fired")
    func traceWording() {
        let trace = Fixtures.router.assessVitals(Vitals(temperature: 38.6, respiratoryRate: 31, spo2: 94, pfRatio: 280)).trace
        #expect(trace == [
            "RR 31 ≥ 30 → severe (Table 2, CT-3 row)",
            "SpO2 94 ≤ 94 → severe (Table 2, CT-3 row)",
            "PaO2/FiO2 280 ≤ 300 → severe (Table 2, CT-3 row)",
            "Temperature 38.6 > 38.5 with SpO2 94 ≤ 95 → severe (Table 2, CT-3 row)",
        ])
        #expect(Fixtures.router.assessVitals(Fixtures.normal).trace == [
            "Temperature 36.6 < 38, RR 16 < 20, SpO2 98 > 95 → vitals add nothing (Table 2, CT-1 row)",
        ])
    }

    @Test("missing vitals are listed as pending", arguments: [
        (Vitals(), [VitalField.temperature, .respiratoryRate, .spo2]),
        (Vitals(temperature: 37, spo2: 97), [.respiratoryRate]),
        (Vitals(temperature: 37, respiratoryRate: 18, spo2: 97), []),
        (Vitals(temperature: 37, respiratoryRate: 18, spo2: 97, pfRatio: nil), []),
    ])
    func pending(vitals: Vitals, expected: [VitalField]) {
        #expect(Fixtures.router.assessVitals(vitals).pendingFields == expected)
    }
}
