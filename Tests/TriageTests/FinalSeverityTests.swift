import Testing
import Triage

@Suite("§3 final severity")
struct FinalSeverityTests {
    @Test("normal vitals: the route follows the CT", arguments: zip(
        CTCategory.allCases, [(Severity.zero, PriorityTier.p5), (.mild, .p4), (.moderate, .p3), (.severe, .p2), (.critical, .p1)]
    ))
    func followsCT(category: CTCategory, expected: (Severity, PriorityTier)) throws {
        let decision = try Fixtures.route(category)
        #expect(decision.severity == expected.0)
        #expect(decision.tier == expected.1)
        #expect(!decision.emergency)
    }

    @Test("vitals raise but never lower the CT", arguments: [
        (CTCategory.ct0, Fixtures.normal(with: .respiratoryRate, 22), Severity.moderate),
        (.ct1, Fixtures.normal(with: .spo2, 94), .severe),
        (.ct4, Fixtures.normal(with: .respiratoryRate, 22), .critical),
        (.ct3, Fixtures.normal, .severe),
        (.ct0, Vitals(temperature: 36.6, respiratoryRate: 16, spo2: 98, shock: true), .critical),
    ])
    func maxOfCTAndVitals(category: CTCategory, vitals: Vitals, expected: Severity) throws {
        #expect(try Fixtures.route(category, vitals).severity == expected)
    }

    @Test("CT-0 with typical clinic counts as mild; other categories are unaffected", arguments: [
        (CTCategory.ct0, true, Severity.mild), (.ct0, false, .zero), (.ct1, true, .mild), (.ct2, true, .moderate),
    ])
    func typicalClinic(category: CTCategory, typical: Bool, expected: Severity) throws {
        var vitals = Fixtures.normal
        vitals.typicalClinic = typical
        let decision = try Fixtures.route(category, vitals)
        #expect(decision.severity == expected)
        let line = "CT-0 with typical clinical manifestations and epidemiological history → mild (Table 2, CT-1 row)"
        #expect(decision.trace.contains(line) == (category == .ct0 && typical))
    }

    struct ProgressionRow: Sendable, CustomTestStringConvertible {
        var prior: Double
        var current: Double
        var hours: Double
        var vitals: Vitals
        var fires: Bool
        var testDescription: String { "\(prior) → \(current) in \(hours) h, fires: \(fires)" }
    }

    static let impaired = Fixtures.normal(with: .respiratoryRate, 20)

    static let progressionRows: [ProgressionRow] = [
        ProgressionRow(prior: 10, current: 15, hours: 47, vitals: impaired, fires: true),  // +50 %
        ProgressionRow(prior: 10, current: 14.9, hours: 47, vitals: impaired, fires: false),  // +49 %
        ProgressionRow(prior: 20, current: 30, hours: 24, vitals: impaired, fires: true),
        ProgressionRow(prior: 10, current: 15, hours: 48, vitals: impaired, fires: true),
        ProgressionRow(prior: 10, current: 15, hours: 49, vitals: impaired, fires: false),
        ProgressionRow(prior: 10, current: 15, hours: 47, vitals: Fixtures.normal(with: .respiratoryRate, 19), fires: false),
        ProgressionRow(prior: 10, current: 15, hours: 47, vitals: Fixtures.normal(with: .spo2, 95), fires: true),
        ProgressionRow(prior: 10, current: 15, hours: 47, vitals: Fixtures.normal(with: .spo2, 96), fires: false),
        ProgressionRow(prior: 10, current: 15, hours: 47, vitals: Vitals(temperature: 37), fires: false),
        ProgressionRow(prior: 0, current: 3, hours: 12, vitals: impaired, fires: true),
        ProgressionRow(prior: 20, current: 10, hours: 12, vitals: impaired, fires: false),
    ]

    @Test("progression: +49/+50 %, 47/48/49 h, with and without respiratory impairment", arguments: progressionRows)
    func progression(row: ProgressionRow) throws {
        let decision = try Fixtures.route(
            .ct1, row.vitals, involvement: row.current, prior: PriorStudy(involvementPercent: row.prior, hoursBefore: row.hours)
        )
        #expect(decision.progressionApplied == row.fires)
        #expect((decision.severity >= .severe) == row.fires)
        #expect(decision.trace.contains { $0.contains("progression") })
    }

    @Test("progression trace states growth, window and impairment")
    func progressionTrace() throws {
        let decision = try Fixtures.route(
            .ct1, Self.impaired, involvement: 15, prior: PriorStudy(involvementPercent: 10, hoursBefore: 47)
        )
        #expect(decision.trace.contains(
            "Involvement 10 → 15 % (+50 %) within 47 h with RR 20 ≥ 20 → at least severe (Table 2, CT-3 row, progression)"
        ))
    }

    @Test("no current involvement: progression cannot be judged and does not fire")
    func progressionWithoutCurrentInvolvement() throws {
        let decision = try Fixtures.route(.ct1, Self.impaired, prior: PriorStudy(involvementPercent: 10, hoursBefore: 12))
        #expect(!decision.progressionApplied)
        #expect(decision.severity == .moderate)
    }

    @Test("missing vitals: at least the CT severity, decision says vitals pending", arguments: CTCategory.allCases)
    func missingVitals(category: CTCategory) throws {
        for vitals in [Vitals(), Vitals(temperature: 37), Vitals(respiratoryRate: 18, spo2: 97)] {
            let decision = try Fixtures.route(category, vitals)
            #expect(decision.severity == category.severity)
            #expect(decision.vitalsPending)
            #expect(decision.decision.contains("Vitals pending:"))
        }
        let complete = try Fixtures.route(category)
        #expect(!complete.decision.contains("Vitals pending"))
    }

    @Test("a known urgent vital still counts while others are missing")
    func partialVitals() throws {
        let decision = try Fixtures.route(.ct1, Vitals(respiratoryRate: 31))
        #expect(decision.severity == .severe)
        #expect(decision.decision == "Immediate admission to a COVID-19 hospital. Vitals pending: temperature, SpO2.")
    }

    @Test("emergency override: SpO2 < 93 → at least severe, P0, emergency text", arguments: [
        (CTCategory.ct0, 92.0, Severity.severe), (.ct4, 80, .critical), (.ct1, 50, .severe),
    ])
    func emergency(category: CTCategory, spo2: Double, expected: Severity) throws {
        let decision = try Fixtures.route(category, Fixtures.normal(with: .spo2, spo2))
        #expect(decision.emergency)
        #expect(decision.tier == .p0)
        #expect(decision.severity == expected)
        #expect(decision.decision.hasPrefix("EMERGENCY: hospitalisation by ambulance."))
        let inpatient = try Fixtures.route(category, Fixtures.normal(with: .spo2, spo2), setting: .inpatient)
        #expect(inpatient.decision.hasPrefix("EMERGENCY: SpO2 below the emergency bound. Immediate transfer to the ICU."))
        #expect(decision.trace.contains { $0.hasPrefix("SpO2 \(Int(spo2)) < 93 → EMERGENCY") })
    }
}
