import Testing
import Triage

/// Exhaustive grids instead of random draws, so failures reproduce exactly.
@Suite("properties over value grids")
struct PropertyTests {
    /// Each axis is ordered from better to worse; `nil` (missing) is tested separately.
    static let temperatures: [Double] = [36.0, 37.9, 38.0, 38.5, 38.6, 40.5]
    static let respiratoryRates: [Double] = [12, 19, 20, 29, 30, 45]
    static let saturations: [Double] = [99, 96, 95, 94, 93, 92, 85]
    static let pfRatios: [Double?] = [nil, 450, 301, 300, 150]
    static let signs: [Bool] = [false, true]

    /// Axes: temperature, RR, SpO2, PaO2/FiO2, shock, organ failure, respiratory failure.
    static let axisSizes = [temperatures.count, respiratoryRates.count, saturations.count, pfRatios.count, 2, 2, 2]

    static func vitals(_ indices: [Int]) -> Vitals {
        Vitals(
            temperature: temperatures[indices[0]],
            respiratoryRate: respiratoryRates[indices[1]],
            spo2: saturations[indices[2]],
            pfRatio: pfRatios[indices[3]],
            shock: signs[indices[4]],
            multipleOrganFailure: signs[indices[5]],
            respiratoryFailure: signs[indices[6]]
        )
    }

    static func allIndexTuples() -> [[Int]] {
        axisSizes.reduce([[]]) { partial, size in partial.flatMap { prefix in (0..<size).map { prefix + [$0] } } }
    }

    @Test("worsening any single vital never lowers severity nor raises the tier number", arguments: CTCategory.allCases)
    func monotone(category: CTCategory) throws {
        var decisions: [[Int]: RoutingDecision] = [:]
        let tuples = Self.allIndexTuples()
        for indices in tuples {
            decisions[indices] = try Fixtures.route(category, Self.vitals(indices))
        }
        var comparisons = 0
        for indices in tuples {
            let base = try #require(decisions[indices])
            for axis in 0..<Self.axisSizes.count where indices[axis] + 1 < Self.axisSizes[axis] {
                var worse = indices
                worse[axis] += 1
                let worsened = try #require(decisions[worse])
                comparisons += 1
                guard worsened.severity >= base.severity, worsened.tier <= base.tier else {
                    let before = "\(base.severity.name)/\(base.tier.label)"
                    let after = "\(worsened.severity.name)/\(worsened.tier.label)"
                    Issue.record("\(category.label) \(Self.vitals(indices)) → \(before); worse axis \(axis) → \(after)")
                    return
                }
            }
        }
        #expect(comparisons > 10_000)
    }

    @Test("missing vitals never route lower than the CT category alone", arguments: CTCategory.allCases)
    func missingNeverLower(category: CTCategory) throws {
        let options: (([Double]) -> [Double?]) = { values in [nil] + values.map(Optional.some) }
        let ctOnly = PriorityTier(severity: category.severity)
        var checked = 0
        for temperature in options(Self.temperatures) {
            for rate in options(Self.respiratoryRates) {
                for spo2 in options(Self.saturations) where temperature == nil || rate == nil || spo2 == nil {
                    let vitals = Vitals(temperature: temperature, respiratoryRate: rate, spo2: spo2)
                    let decision = try Fixtures.route(category, vitals)
                    #expect(decision.severity >= category.severity)
                    #expect(decision.tier <= ctOnly)
                    #expect(decision.vitalsPending)
                    checked += 1
                }
            }
        }
        #expect(checked == 7 * 7 * 8 - 6 * 6 * 7)
    }

    @Test("entering a missing vital never lowers the route below what the known ones gave")
    func completingVitalsNeverLowers() throws {
        for category in CTCategory.allCases {
            for rate in Self.respiratoryRates {
                let partial = try Fixtures.route(category, Vitals(respiratoryRate: rate))
                for temperature in Self.temperatures {
                    for spo2 in Self.saturations {
                        let complete = try Fixtures.route(category, Vitals(temperature: temperature, respiratoryRate: rate, spo2: spo2))
                        #expect(complete.severity >= partial.severity)
                    }
                }
            }
        }
    }
}
