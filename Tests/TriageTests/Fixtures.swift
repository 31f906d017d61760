import Foundation
import Triage

/// Shared inputs for the table-driven tests.
enum Fixtures {
    static let router = TriageRouter()

    /// Temperature, RR and SpO2 all on the normal side of every threshold (Table 2, CT-1 row).
    static let normal = Vitals(temperature: 36.6, respiratoryRate: 16, spo2: 98)

    static func normal(with field: VitalField, _ value: Double?) -> Vitals {
        var vitals = normal
        vitals[field] = value
        return vitals
    }

    /// `Config/routing.yaml` of the repository, found from this file's location (Tests/TriageTests/…).
    static func configText(filePath: String = #filePath) throws -> String {
        let repository = URL(fileURLWithPath: filePath)
            .resolvingSymlinksInPath()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: repository.appendingPathComponent("Config/routing.yaml"), encoding: .utf8)
    }

    static func route(
        _ category: CTCategory,
        _ vitals: Vitals = normal,
        setting: CareSetting = .outpatient,
        involvement: Double? = nil,
        prior: PriorStudy? = nil,
        router: TriageRouter = router
    ) throws -> RoutingDecision {
        try router.route(
            TriageInput(category: category, involvementPercent: involvement, vitals: vitals, setting: setting, priorStudy: prior)
        )
    }
}
