import Foundation
import Store

/// Everything the study page shows, computed from the store's views. Blind reading: a radiologist who has not
/// signed a reading of an unfinished study sees neither earlier readings nor a route derived from them.
struct StudyPage {
    struct Figure { var label: String; var lung: String; var involvement: String }
    struct KeyImage { var url: String; var alt: String }
    struct Reading { var number: String; var radiologist: String; var category: String; var findings: String; var signedAt: String }
    struct Vitals { var at: String; var by: String; var temperature: String; var respiratoryRate: String; var spo2: String; var pf: String; var conditions: String }
    struct Earlier { var id: String; var receivedAt: String; var category: String; var involvement: String }
    struct Option { var value: String; var label: String }
    struct Lease { var token: String; var reading: String; var expiresISO: String; var expiresAt: String; var secondsLeft: Int }

    var id: String
    var shortID: String
    var clinic: String
    var patient: String
    var setting: String
    var status: String
    var receivedAt: String
    var estimatedAt: String
    var tier: String
    var tierClass: String
    var emergency: Bool
    var overdue: Bool
    var dueAt: String
    var estimated: Bool
    var category: String
    var involvement: String
    var lesionMl: String
    var figures: [Figure]
    var flags: [String]
    var hasFlags: Bool
    var keyImages: [KeyImage]
    var hasKeyImages: Bool
    var routeHidden: Bool
    var decision: String?
    var severity: String
    var categorySource: String
    var trace: [String]
    var hasTrace: Bool
    var vitals: [Vitals]
    var hasVitals: Bool
    var earlier: [Earlier]
    var hasEarlier: Bool
    var trendChart: String?
    var readings: [Reading]
    var hasReadings: Bool
    var hiddenReadings: Int
    var readingsHidden: Bool
    var lease: Lease?
    var categories: [Option]
    var findings: String
    var error: String?
    var notice: String?
    var csrfToken: String
    var isRadiologist: Bool

    init(
        view: StudyView, readings signed: [StudyCatalog.SignedReading], vitals entries: [VitalsEntry], earlier studies: [StudyCatalog.EarlierStudy],
        claim: WorklistClaim?, viewer: Principal, csrfToken: String, error: String? = nil, notice: String? = nil, findings: String = "",
        now: Date = Date()
    ) {
        id = view.id.uuidString.lowercased()
        shortID = String(id.prefix(8))
        clinic = view.clinic
        patient = view.patientId
        setting = view.setting
        status = view.status.replacingOccurrences(of: "_", with: " ")
        receivedAt = WebFormat.time(view.receivedAt)
        estimatedAt = WebFormat.time(view.estimatedAt)
        tier = view.queue?.tier ?? view.route?.tier ?? "—"
        tierClass = "tier-\(tier.lowercased())"
        // P0 is the emergency tier, also before an estimate exists to make a routing decision.
        emergency = (view.route?.emergency ?? false) || tier == "P0"
        overdue = view.queue?.overdue ?? false
        dueAt = view.queue.map { "\(WebFormat.time($0.dueAt)) (\(WebFormat.due($0.dueAt, now: now)))" } ?? "—"
        let estimate = view.estimate
        estimated = estimate != nil
        category = estimate?.category ?? "pending"
        involvement = WebFormat.percent(estimate?.involvementPercent)
        lesionMl = WebFormat.number(estimate?.lesionMl, unit: "ml")
        figures = [
            Figure(label: "Right lung", lung: WebFormat.number(estimate?.rightLungMl, unit: "ml"), involvement: WebFormat.percent(estimate?.rightInvolvementPercent)),
            Figure(label: "Left lung", lung: WebFormat.number(estimate?.leftLungMl, unit: "ml"), involvement: WebFormat.percent(estimate?.leftInvolvementPercent)),
            Figure(label: "Both lungs", lung: WebFormat.number(estimate?.lungMl, unit: "ml"), involvement: WebFormat.percent(estimate?.involvementPercent)),
        ]
        flags = (estimate?.flags ?? []).map { $0.replacingOccurrences(of: "_", with: " ") }
        hasFlags = !flags.isEmpty
        keyImages = (estimate?.keyImages ?? []).enumerated().map {
            KeyImage(url: $1, alt: "Key image \($0 + 1): axial slice with the lesion overlay")
        }
        hasKeyImages = !keyImages.isEmpty

        let viewerSigned = signed.contains { $0.radiologistID == viewer.userID }
        let blind = viewer.role == .radiologist && !viewerSigned && !(view.queue?.done ?? true)
        readingsHidden = blind && !signed.isEmpty
        readings = readingsHidden ? [] : signed.map {
            Reading(
                number: WorklistRow.readingName($0.number), radiologist: $0.radiologist, category: $0.category, findings: $0.findings,
                signedAt: WebFormat.time($0.signedAt))
        }
        hasReadings = !readings.isEmpty
        hiddenReadings = readingsHidden ? signed.count : 0

        let route = view.route
        routeHidden = blind && ["reading", "arbitration"].contains(route?.categorySource ?? "")
        decision = routeHidden ? nil : route?.decision
        severity = routeHidden ? "hidden until you sign" : (route?.severity ?? "—")
        categorySource = routeHidden ? "—" : WorklistRow.sourceName(route?.categorySource ?? "none")
        trace = routeHidden ? [] : route?.trace ?? []
        hasTrace = !trace.isEmpty

        vitals = entries.map(Self.vitalsRow)
        hasVitals = !vitals.isEmpty
        earlier = studies.map {
            let id = $0.publicID.uuidString.lowercased()
            return Earlier(id: id, receivedAt: WebFormat.time($0.receivedAt), category: $0.category ?? "—", involvement: WebFormat.percent($0.involvementPercent))
        }
        hasEarlier = !earlier.isEmpty
        var points = studies.compactMap { study in study.involvementPercent.map { (WebFormat.day(study.receivedAt), $0) } }
        if let now = estimate?.involvementPercent { points.append(("this study", now)) }
        trendChart = points.count >= 2
            ? SVGChart.line(
                title: "Involvement trend of this patient", xLabels: points.map(\.0),
                series: [.init(name: "involvement %", values: points.map(\.1), style: "p50")], unit: "%", width: 420, height: 180)
            : nil

        lease = claim.map {
            Lease(
                token: $0.token.uuidString.lowercased(), reading: WorklistRow.readingName($0.readingNumber), expiresISO: WebFormat.iso($0.expiresAt),
                expiresAt: WebFormat.time($0.expiresAt), secondsLeft: max(0, Int($0.expiresAt.timeIntervalSince(now))))
        }
        categories = (0...4).map { Option(value: "CT-\($0)", label: Self.categoryLabels[$0]) }
        self.findings = findings
        self.error = error
        self.notice = notice
        self.csrfToken = csrfToken
        isRadiologist = viewer.role == .radiologist
    }

    static let categoryLabels = [
        "CT-0 — no signs of viral pneumonia", "CT-1 — mild, involvement under 25 %", "CT-2 — moderate, 25–50 %",
        "CT-3 — severe, 50–75 %", "CT-4 — critical, 75 % or more",
    ]

    static func vitalsRow(_ entry: VitalsEntry) -> Vitals {
        var conditions: [String] = []
        if entry.shock == true { conditions.append("shock") }
        if entry.multipleOrganFailure == true { conditions.append("multiple organ failure") }
        if entry.respiratoryFailure == true { conditions.append("respiratory failure") }
        if entry.typicalClinic == true { conditions.append("typical clinical picture") }
        return Vitals(
            at: WebFormat.time(entry.enteredAt), by: entry.enteredBy ?? "—", temperature: WebFormat.number(entry.temperatureC, digits: 1, unit: "°C"),
            respiratoryRate: WebFormat.number(entry.respiratoryRate, unit: "/min"), spo2: WebFormat.number(entry.spo2, unit: "%"),
            pf: WebFormat.number(entry.pao2Fio2, unit: "mmHg"), conditions: conditions.isEmpty ? "—" : conditions.joined(separator: ", "))
    }
}
