import Testing
import Triage

@Suite("input validation")
struct VitalsValidationTests {
    static let limits: [(VitalField, Double, Double)] = [
        (.temperature, 30, 45), (.respiratoryRate, 0, 80), (.spo2, 50, 100), (.pfRatio, 20, 700),
    ]

    @Test("range ends are accepted, values just outside are rejected naming the field", arguments: limits)
    func ranges(field: VitalField, minimum: Double, maximum: Double) throws {
        for accepted in [minimum, maximum] {
            _ = try Fixtures.route(.ct1, Fixtures.normal(with: field, accepted))
        }
        for rejected in [minimum - 0.1, maximum + 0.1, Double.nan, Double.infinity] {
            #expect {
                try Fixtures.route(.ct1, Fixtures.normal(with: field, rejected))
            } throws: { error in
                guard let error = error as? TriageError else { return false }
                return error.code == .vitalOutOfRange && error.subject == field.key && error.message.hasPrefix(field.key)
            }
        }
    }

    @Test("message states value and range")
    func message() {
        #expect {
            try Fixtures.route(.ct1, Fixtures.normal(with: .temperature, 366))
        } throws: { ($0 as? TriageError)?.message == "temperature 366 °C is outside the accepted range 30–45 °C" }
    }

    @Test("study measurements outside 0–100 % or negative hours are rejected", arguments: [
        (Optional(101.0), PriorStudy?.none, "involvement"),
        (10, PriorStudy(involvementPercent: -1, hoursBefore: 2), "prior_involvement"),
        (10, PriorStudy(involvementPercent: 5, hoursBefore: -2), "prior_hours_before"),
    ])
    func study(involvement: Double?, prior: PriorStudy?, field: String) {
        #expect {
            try Fixtures.route(.ct1, involvement: involvement, prior: prior)
        } throws: { ($0 as? TriageError)?.subject == field }
    }
}
