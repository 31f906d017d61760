import Foundation
import Store
import Triage

/// The administrator's dashboard: turnaround charts, the queue now, second-reading coverage, agreement, and
/// the user and clinic lists with their forms. Built from the store's reports; the charts are inline SVG.
struct DashboardPage {
    struct Figure { var label: String; var value: String; var id: String; var warn: Bool }
    struct UserRow { var name: String; var role: String; var clinic: String; var disabled: Bool }
    struct ClinicRow { var code: String; var name: String }
    struct Option { var value: String; var label: String }

    var dailyChart: String
    var clinicChart: String
    var slaChart: String
    var figures: [Figure]
    var oldestWaiting: String?
    var oldestLink: String?
    var csvLinks: [Option]
    var users: [UserRow]
    var clinics: [ClinicRow]
    var clinicOptions: [Option]
    var roleOptions: [Option]
    var notice: String?
    var error: String?
    var newToken: String?
    var csrfToken: String

    init(
        daily: [TurnaroundStats.Day], byClinic: TurnaroundReport, byTier: TurnaroundReport, agreement: AgreementReport,
        users: [Accounts.User], clinics: [Accounts.Clinic], csrfToken: String, notice: String? = nil, error: String? = nil, newToken: String? = nil
    ) {
        let minutes = { (seconds: Double?) in seconds.map { $0 / 60 } }
        dailyChart = SVGChart.line(
            title: "Arrival to first reading per day (minutes)", xLabels: daily.map { String(WebFormat.day($0.day).suffix(5)) },
            series: [
                .init(name: "p50", values: daily.map { minutes($0.p50) }, style: "p50"),
                .init(name: "p90", values: daily.map { minutes($0.p90) }, style: "p90"),
            ], unit: "min")
        let clinicGroups = byClinic.groups
        clinicChart = SVGChart.bars(
            title: "Arrival to first reading per clinic, last 7 days (minutes)", labels: clinicGroups.map(\.key),
            series: [
                .init(name: "p50", values: clinicGroups.map { minutes($0.toFirstReading.p50) }, style: "p50"),
                .init(name: "p90", values: clinicGroups.map { minutes($0.toFirstReading.p90) }, style: "p90"),
            ], unit: "min")
        let tiers = PriorityTier.allCases.map(\.label)
        slaChart = SVGChart.bars(
            title: "First readings within their due time, per tier (%)", labels: tiers,
            series: [.init(name: "in time", values: tiers.map { byTier.group($0)?.sla.share.map { $0 * 100 } }, style: "sla")],
            unit: "%", target: nil)

        let coverage = agreement.secondReading
        figures = [
            Figure(label: "Open studies (backlog)", value: "\(byTier.backlog)", id: "backlog", warn: false),
            Figure(
                label: "Second-reading coverage (target \(WebFormat.share(coverage.target)))",
                value: "\(WebFormat.share(coverage.share)) (\(coverage.secondRead) of \(coverage.firstRead))", id: "coverage",
                warn: coverage.meetsTarget == false),
            Figure(
                label: "Estimator vs first reader", value: Self.agreement(agreement.estimatorVsFirstReader), id: "agreement-estimator",
                warn: false),
            Figure(label: "First vs second reader", value: Self.agreement(agreement.firstVsSecondReader), id: "agreement-readers", warn: false),
            Figure(
                label: "Discrepancies", value: "\(agreement.discrepancies.minor) minor, \(agreement.discrepancies.major) major "
                    + "(\(agreement.discrepancies.arbitrationsPending) awaiting arbitration)", id: "discrepancies",
                warn: agreement.discrepancies.arbitrationsPending > 0),
        ]
        oldestWaiting = byTier.oldestWaiting.map {
            "\($0.tier.label) study \($0.publicID.uuidString.lowercased().prefix(8)), waiting \(WebFormat.duration($0.ageSeconds))"
        }
        oldestLink = byTier.oldestWaiting.map { "/studies/\($0.publicID.uuidString.lowercased())" }
        csvLinks = [
            Option(value: "/api/v1/stats/turnaround?format=csv&group_by=clinic", label: "Turnaround per clinic (CSV)"),
            Option(value: "/api/v1/stats/turnaround?format=csv&group_by=tier", label: "Turnaround per tier (CSV)"),
            Option(value: "/api/v1/stats/turnaround?format=csv&group_by=radiologist", label: "Turnaround per radiologist (CSV)"),
            Option(value: "/api/v1/stats/agreement?format=csv", label: "Agreement (CSV)"),
        ]
        self.users = users.map {
            UserRow(name: $0.name, role: WebPages.roleName($0.role), clinic: $0.clinicCode ?? "—", disabled: $0.disabled)
        }
        self.clinics = clinics.map { ClinicRow(code: $0.code, name: $0.name) }
        clinicOptions = clinics.map { Option(value: $0.code, label: "\($0.code) — \($0.name)") }
        roleOptions = Role.allCases.map { Option(value: $0.rawValue, label: WebPages.roleName($0)) }
        self.notice = notice
        self.error = error
        self.newToken = newToken
        self.csrfToken = csrfToken
    }

    /// "72 % exact, κ 0.81 (25 pairs)"; a dash before any pair exists.
    static func agreement(_ comparison: AgreementReport.Comparison) -> String {
        guard comparison.pairs > 0 else { return "— (no pairs yet)" }
        let kappa = comparison.kappa.map { String(format: "%.2f", $0) } ?? "—"
        return "\(WebFormat.share(comparison.exactAgreement)) exact, κ \(kappa) (\(comparison.pairs) pairs)"
    }
}
