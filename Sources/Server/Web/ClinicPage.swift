import Foundation
import Store
import Triage

/// The clinic desk: today's studies with their route in plain words, and the vitals form of one study.
struct ClinicPage {
    struct Row {
        var id: String
        var shortID: String
        var patient: String
        var clinic: String
        var receivedAt: String
        var status: String
        var tier: String
        var tierClass: String
        var emergency: Bool
        var route: String
        var category: String
        var involvement: String
    }

    var rows: [Row]
    var empty: Bool
    var emergencies: Int
    var hasEmergencies: Bool
    var day: String

    init(studies: [StudyView], now: Date = Date()) {
        rows = studies.map(Self.row)
        empty = rows.isEmpty
        emergencies = rows.filter(\.emergency).count
        hasEmergencies = emergencies > 0
        day = WebFormat.day(now)
    }

    static func row(_ view: StudyView) -> Row {
        let id = view.id.uuidString.lowercased()
        let tier = view.queue?.tier ?? view.route?.tier ?? "—"
        return Row(
            id: id, shortID: String(id.prefix(8)), patient: view.patientId, clinic: view.clinic, receivedAt: WebFormat.time(view.receivedAt),
            status: view.status.replacingOccurrences(of: "_", with: " "), tier: tier, tierClass: "tier-\(tier.lowercased())",
            emergency: (view.route?.emergency ?? false) || tier == "P0", route: plainRoute(view), category: view.estimate?.category ?? "pending",
            involvement: WebFormat.percent(view.estimate?.involvementPercent))
    }

    /// The route as the desk says it: the clinical decision, then when the radiologist will read the study.
    static func plainRoute(_ view: StudyView) -> String {
        var words = view.route?.decision ?? "Waiting for the automatic estimate."
        if let queue = view.queue, !queue.done {
            words += " Radiologist reading due \(WebFormat.time(queue.dueAt)) (priority \(queue.tier))."
        } else if view.queue?.done == true {
            words += " Reading complete."
        }
        return words
    }
}

/// One study's vitals form, with the unit and accepted range of each field and the server's message.
struct VitalsPage {
    struct Field {
        var key: String
        var label: String
        var unit: String
        var hint: String
        var value: String
    }

    struct Check {
        var key: String
        var label: String
        var checked: Bool
    }

    var study: ClinicPage.Row
    var fields: [Field]
    var checks: [Check]
    var history: [StudyPage.Vitals]
    var hasHistory: Bool
    var error: String?
    var notice: String?
    var csrfToken: String

    init(view: StudyView, history entries: [VitalsEntry], ranges: RoutingRules.InputRanges, form: FormBody?, error: String?, notice: String?, csrfToken: String) {
        study = ClinicPage.row(view)
        func field(_ key: String, _ label: String, _ unit: String, _ range: ClosedRange<Double>) -> Field {
            Field(
                key: key, label: label, unit: unit,
                hint: "\(unit), \(SVGChart.fmt(range.lowerBound))–\(SVGChart.fmt(range.upperBound))", value: form?[key] ?? "")
        }
        fields = [
            field("temperature_c", "Temperature", "°C", ranges.temperature),
            field("respiratory_rate", "Respiratory rate", "breaths/min", ranges.respiratoryRate),
            field("spo2", "SpO₂", "%", ranges.spo2),
            field("pao2_fio2", "PaO₂/FiO₂", "mmHg", ranges.pfRatio),
        ]
        checks = VitalsForm.flags.map { Check(key: $0.key, label: $0.label, checked: form?[$0.key] != nil) }
        history = entries.map(StudyPage.vitalsRow)
        hasHistory = !history.isEmpty
        self.error = error
        self.notice = notice
        self.csrfToken = csrfToken
    }
}
