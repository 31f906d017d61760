import Foundation
import Hummingbird
import Store

/// The route after a change (vitals entered), as the API returns it.
struct RouteSummary: ResponseEncodable {
    var tier: String
    var dueAt: Date
    var severity: String?
    var emergency: Bool
    var decision: String?
    var trace: [String]

    init(_ outcome: StudyRouting.Outcome) {
        tier = outcome.tier.label
        dueAt = outcome.dueAt
        severity = outcome.decision?.severity.name
        emergency = outcome.decision?.emergency ?? false
        decision = outcome.decision?.decision
        trace = outcome.decision?.trace ?? []
    }
}
