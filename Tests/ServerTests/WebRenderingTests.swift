import Foundation
import Testing

@testable import Server
@testable import Store

/// Page logic without a server: charts, form parsing, view models, templates.
@Suite("Web: charts, forms and view models")
struct WebRenderingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a line chart draws one path per series, breaks at missing days and describes its figures")
    func lineChart() {
        let svg = SVGChart.line(
            title: "Turnaround <per day>", xLabels: ["11-01", "11-02", "11-03", "11-04"],
            series: [.init(name: "p50", values: [10, nil, 30, 40], style: "p50"), .init(name: "p90", values: [20, 25, 60, 80], style: "p90")],
            unit: "min")
        #expect(svg.hasPrefix("<svg class=\"chart chart-line\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("Turnaround &lt;per day&gt;"), "the title is escaped")
        #expect(svg.components(separatedBy: "<path class=\"line series-p50\"").count == 2)
        #expect(svg.components(separatedBy: "<path class=\"line series-p90\"").count == 2)
        let p50 = svg.components(separatedBy: "<path class=\"line series-p50\" fill=\"none\" d=\"")[1].prefix { $0 != "\"" }
        #expect(p50.filter { $0 == "M" }.count == 2, "the gap on 11-02 starts a new segment: \(p50)")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 7)
        #expect(svg.contains("p50: 11-01 10 min; 11-02 no data; 11-03 30 min; 11-04 40 min"))
        // 80 rounds up to an axis of 100 with ticks every 25.
        #expect(svg.contains(">100</text>") && svg.contains(">75</text>"))
    }

    @Test("a bar chart draws one bar per value and a dashed target line")
    func barChart() {
        let svg = SVGChart.bars(
            title: "SLA", labels: ["P0", "P1", "P2"], series: [.init(name: "in time", values: [100, nil, 50], style: "sla")], unit: "%",
            target: 90)
        #expect(svg.components(separatedBy: "<rect class=\"bar series-sla\"").count - 1 == 2)
        #expect(svg.contains("<line class=\"target\""))
        #expect(svg.contains("target 90 %"))
        #expect(svg.contains("<title>P2, in time: 50 %</title>"))
    }

    @Test("axis maxima round up to 1, 2, 2.5 or 5 times a power of ten", arguments: [
        (0.0, 1.0), (0.4, 1), (3, 5), (7, 10), (11, 20), (21, 25), (26, 50), (99, 100), (101, 200), (2400, 2500),
    ])
    func niceCeiling(value: Double, expected: Double) {
        #expect(SVGChart.niceCeiling(value) == expected)
    }

    @Test("form bodies decode +, percent escapes and empty fields")
    func formBody() {
        let form = FormBody(parsing: "name=rad.one&findings=bilateral+GGO%2C+50%25&empty=&flag&csrf_token=csrf_a%2Bb")
        #expect(form["name"] == "rad.one")
        #expect(form["findings"] == "bilateral GGO, 50%")
        #expect(form["empty"] == "")
        #expect(form.text("empty") == nil)
        #expect(form["flag"] == "")
        #expect(form["csrf_token"] == "csrf_a+b")
        #expect(form["missing"] == nil)
    }

    @Test("the vitals form accepts decimal commas and names a field it cannot read")
    func vitalsForm() throws {
        let entry = try VitalsForm.entry(FormBody(parsing: "temperature_c=38%2C5&respiratory_rate=&spo2=93&shock=yes"))
        #expect(entry.temperatureC == 38.5)
        #expect(entry.respiratoryRate == nil)
        #expect(entry.spo2 == 93)
        #expect(entry.shock == true)
        #expect(entry.respiratoryFailure == nil)
        #expect(throws: VitalsForm.Problem(message: "spo2 \"ninety\" is not a number")) {
            try VitalsForm.entry(FormBody(parsing: "spo2=ninety"))
        }
    }

    static func entry(tier: String, overdue: Bool = false, reading: Int = 1, flags: [String] = []) -> WorklistEntry {
        WorklistEntry(
            studyId: UUID(), clinic: "MSK-01", tier: tier, dueAt: now.addingTimeInterval(overdue ? -600 : 1800), overdue: overdue,
            arrivalAt: now, status: "estimated", category: "CT-3", categorySource: "estimate", involvementPercent: 61.25, flags: flags,
            emergency: tier == "P0", readingNumberNeeded: reading, claimed: false, keyImageUrl: nil)
    }

    @Test("worklist rows mark emergencies, overdue studies and second readings")
    func worklistRows() {
        let p0 = WorklistRow(Self.entry(tier: "P0", overdue: true, flags: ["low_lung_volume"]), now: Self.now)
        #expect(p0.emergency && p0.overdue && p0.tierClass == "tier-p0")
        #expect(p0.dueRelative == "overdue by 10 min")
        #expect(p0.flags == ["low lung volume"])
        #expect(p0.involvement == "61.2 %" || p0.involvement == "61.3 %")
        let second = WorklistRow(Self.entry(tier: "P3", reading: 2), now: Self.now)
        #expect(!second.emergency && second.needsSecondReading && second.reading == "second reading")
        #expect(second.dueRelative == "in 30 min")
        #expect(WorklistRow(Self.entry(tier: "P4", reading: 3), now: Self.now).reading == "arbitration")
    }

    @Test("on a radiologist's worklist a category from an earlier reading stays hidden; the estimator's shows")
    func worklistBlind() {
        var read = Self.entry(tier: "P2", reading: 2)
        read.categorySource = "reading"
        let blind = WorklistRow(read, blind: true, now: Self.now)
        #expect(blind.category == "read" && !blind.categorySource.contains("radiologist"))
        #expect(WorklistRow(read, blind: false, now: Self.now).category == "CT-3")
        #expect(WorklistRow(Self.entry(tier: "P2"), blind: true, now: Self.now).category == "CT-3")
    }

    static func view(done: Bool, source: String = "reading") -> StudyView {
        var view = StudyView(
            id: UUID(), clinic: "MSK-01", patientId: "P-1", setting: "outpatient", status: "read", receivedAt: now)
        view.route = .init(
            categorySource: source, category: "CT-2", severity: "moderate", tier: "P2", emergency: false, decision: "Outpatient care.",
            trace: ["category CT-2 from the first reading"], decidedAt: now)
        view.queue = .init(tier: "P2", dueAt: now, overdue: false, readingsRequired: 2, readingsSigned: 1, claimed: false, done: done)
        return view
    }

    static func principal(_ id: Int, _ role: Role) -> Principal {
        Principal(userID: id, name: "user\(id)", role: role, clinicID: nil, credential: .apiToken)
    }

    static let first = StudyCatalog.SignedReading(
        number: 1, radiologist: "rad1", radiologistID: 1, category: "CT-2", findings: "GGO", signedAt: now)

    @Test("blind reading: a second reader sees neither earlier readings nor a route from them until signing")
    func blindReading() {
        let blind = StudyPage(
            view: Self.view(done: false), readings: [Self.first], vitals: [], earlier: [], claim: nil, viewer: Self.principal(2, .radiologist),
            csrfToken: "t", now: Self.now)
        #expect(blind.readingsHidden && blind.readings.isEmpty && blind.hiddenReadings == 1)
        #expect(blind.routeHidden && blind.decision == nil && blind.trace.isEmpty)
        let ownReader = StudyPage(
            view: Self.view(done: false), readings: [Self.first], vitals: [], earlier: [], claim: nil, viewer: Self.principal(1, .radiologist),
            csrfToken: "t", now: Self.now)
        #expect(!ownReader.readingsHidden && ownReader.readings.count == 1 && ownReader.decision == "Outpatient care.")
        let admin = StudyPage(
            view: Self.view(done: false), readings: [Self.first], vitals: [], earlier: [], claim: nil, viewer: Self.principal(9, .admin),
            csrfToken: "t", now: Self.now)
        #expect(!admin.readingsHidden && admin.readings.count == 1)
        let finished = StudyPage(
            view: Self.view(done: true), readings: [Self.first], vitals: [], earlier: [], claim: nil, viewer: Self.principal(3, .radiologist),
            csrfToken: "t", now: Self.now)
        #expect(!finished.readingsHidden)
        let estimateRoute = StudyPage(
            view: Self.view(done: false, source: "estimate"), readings: [], vitals: [], earlier: [], claim: nil,
            viewer: Self.principal(2, .radiologist), csrfToken: "t", now: Self.now)
        #expect(!estimateRoute.routeHidden && estimateRoute.decision == "Outpatient care.")
    }

    @Test("the study page draws an involvement trend from earlier studies and binds the form to the lease")
    func trendAndLease() throws {
        let earlier = [
            StudyCatalog.EarlierStudy(publicID: UUID(), receivedAt: Self.now.addingTimeInterval(-86400 * 5), category: "CT-1", involvementPercent: 12),
        ]
        var view = Self.view(done: false, source: "estimate")
        view.estimate = .init(version: 1, category: "CT-2", involvementPercent: 33, flags: [], keyImages: ["/k/0"], createdAt: Self.now)
        let claim = WorklistClaim(studyID: 1, publicID: view.id, readingNumber: 2, token: UUID(), expiresAt: Self.now.addingTimeInterval(300))
        let page = StudyPage(
            view: view, readings: [], vitals: [], earlier: earlier, claim: claim, viewer: Self.principal(2, .radiologist), csrfToken: "t",
            now: Self.now)
        let chart = try #require(page.trendChart)
        #expect(chart.contains("this study 33 %"))
        #expect(page.lease?.secondsLeft == 300 && page.lease?.reading == "second reading")
        #expect(page.lease?.token == claim.token.uuidString.lowercased())
        #expect(page.hasKeyImages && page.keyImages[0].url == "/k/0")
    }

    @Test("templates compile; rendering escapes values and carries the CSRF token into forms")
    func templates() throws {
        let pages = try WebPages()
        let entries = [Self.entry(tier: "P0", overdue: true), Self.entry(tier: "P3", reading: 2)]
        var model = WorklistPage(entries: entries, canClaim: true, notice: "<b>hi</b>", csrfToken: "csrf_x", now: Self.now)
        model.rows[1].clinic = "<script>"
        let html = pages.page(
            "worklist", title: "Worklist", model: model, principal: Self.principal(1, .radiologist), csrfToken: "csrf_x", liveUpdates: true)
        #expect(html.contains("<span class=\"badge tier-p0\">P0</span>"))
        #expect(html.contains("needs second reading"))
        #expect(html.contains("&lt;script&gt;") && !html.contains("<script>"))
        #expect(html.contains("&lt;b&gt;hi&lt;/b&gt;"))
        #expect(html.components(separatedBy: "name=\"csrf_token\" value=\"csrf_x\"").count == 3, "logout and Read next")
        #expect(html.contains("data-live=\"/events\""))
        #expect(WebPages.html(html).headers[.cacheControl] == "no-store")
        #expect(QueueEventsController.event("queue", data: "1-2-3") == "event: queue\ndata: 1-2-3\n\n")
    }

    @Test("the clinic desk treats P0 as an emergency even before an estimate makes a routing decision")
    func clinicEmergency() {
        var view = StudyView(id: UUID(), clinic: "MSK-01", patientId: "P-1", setting: "outpatient", status: "received", receivedAt: Self.now)
        view.queue = .init(tier: "P0", dueAt: Self.now, overdue: false, readingsRequired: 1, readingsSigned: 0, claimed: false, done: false)
        let page = ClinicPage(studies: [view], now: Self.now)
        #expect(page.hasEmergencies && page.rows[0].emergency)
        #expect(page.rows[0].route.hasPrefix("Waiting for the automatic estimate.") && page.rows[0].route.contains("priority P0"))
        let calm = ClinicPage(studies: [Self.view(done: false, source: "estimate")], now: Self.now)
        #expect(!calm.hasEmergencies && calm.rows[0].route.hasPrefix("Outpatient care."))
    }

    @Test("durations and percentages read naturally")
    func formats() {
        #expect(SVGChart.fmt(12) == "12" && SVGChart.fmt(12.54) == "12.5" && SVGChart.fmt(0.25) == "0.25" && SVGChart.fmt(0.5) == "0.5")
        #expect(WebFormat.duration(42) == "42 s")
        #expect(WebFormat.duration(14 * 60) == "14 min")
        #expect(WebFormat.duration(2 * 3600 + 5 * 60) == "2 h 05 min")
        #expect(WebFormat.duration(3 * 86400 + 3600) == "3 d 1 h")
        #expect(WebFormat.percent(nil) == "—")
        #expect(WebFormat.share(0.9) == "90 %")
        #expect(WebFormat.time(Date(timeIntervalSince1970: 0)) == "1 Jan 00:00 UTC")
    }
}
