import Foundation
import Postgres
import Store
import Testing
import Triage

@Suite("Turnaround statistics")
struct TurnaroundStatsTests {
    static let t0 = Date(timeIntervalSince1970: 1_741_000_000)  // 2025-03-03T11:06:40Z
    static let asOf = t0.addingTimeInterval(10 * 3600)
    static let window = (from: t0, to: t0.addingTimeInterval(86400))

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// Studies (times in seconds after t0; due = arrival + §5 target of the tier):
    ///
    /// | study | clinic | received | estimate | 1st read      | 2nd read     | tier | due     | done |
    /// |-------|--------|----------|----------|---------------|--------------|------|---------|------|
    /// | s1    | A      | 0        | +60      | +600 alice    | +1200 bob    | P2   | +1800   | yes  |
    /// | s2    | A      | 3600     | +120     | +3000 alice   |              | P2   | +1800   | yes  |
    /// | s3    | A      | 7200     | +180     | +7000 bob     | +8000 carol  | P3   | +7200   | yes  |
    /// | s4    | B      | 10800    | +240     |               |              | P3   | +7200   | no   |
    /// | s5    | B      | 34200    |          |               |              | P3   | +7200   | no   |
    /// | s6    | B      | 14400    | +300     |               |              | none |         |      |
    /// | old   | A      | −3600    |          |               |              | P1   | +900    | no   | (before the window)
    /// | late  | A      | 86400    | +60      |               |              | P3   |         | yes  | (after the window)
    ///
    /// At asOf (t0 + 10 h) s4 is past due unread (missed), s5 is not due yet.
    struct Dataset {
        var old: UUID
    }

    static func build(_ f: StoreFixture) async throws -> Dataset {
        let a = (clinic: f.clinic, patient: f.patient)
        let b = try await f.makeClinic("MSK-02")
        let alice = try await f.makeRadiologist("alice"), bob = try await f.makeRadiologist("bob"), carol = try await f.makeRadiologist("carol")
        func study(
            _ clinic: (clinic: Int, patient: Int), _ received: Double, estimate: Double? = nil,
            first: (Double, Int)? = nil, second: (Double, Int)? = nil, tier: Int?, target: Double = 0, done: Bool = true
        ) async throws -> Int {
            let id = try await f.addStudy(
                clinic: clinic, receivedAt: at(received), estimatedAt: estimate.map { at(received + $0) },
                firstReadAt: first.map { at(received + $0.0) }, secondReadAt: second.map { at(received + $0.0) })
            if let tier {
                try await f.addQueueItem(study: id, tier: tier, arrivalAt: at(received), dueAt: at(received + target), done: done)
            }
            if let first { try await f.addReading(study: id, number: 1, radiologist: first.1, category: 2) }
            if let second { try await f.addReading(study: id, number: 2, radiologist: second.1, category: 2) }
            return id
        }
        _ = try await study(a, 0, estimate: 60, first: (600, alice), second: (1200, bob), tier: 2, target: 1800)
        _ = try await study(a, 3600, estimate: 120, first: (3000, alice), tier: 2, target: 1800)
        _ = try await study(a, 7200, estimate: 180, first: (7000, bob), second: (8000, carol), tier: 3, target: 7200)
        _ = try await study(b, 10800, estimate: 240, tier: 3, target: 7200, done: false)
        _ = try await study(b, 34200, tier: 3, target: 7200, done: false)
        _ = try await study(b, 14400, estimate: 300, tier: nil)
        let old = try await study(a, -3600, tier: 1, target: 900, done: false)
        _ = try await study(a, 86400, estimate: 60, tier: 3, target: 7200)
        return Dataset(old: try await f.pool.scalar("SELECT public_id FROM studies WHERE id = \(old)", as: UUID.self))
    }

    func report(_ f: StoreFixture, _ grouping: TurnaroundGrouping) async throws -> TurnaroundReport {
        try await TurnaroundStats(pool: f.pool).report(from: Self.window.from, to: Self.window.to, groupBy: grouping, asOf: Self.asOf)
    }

    @Test("by clinic: counts, percentiles, SLA, backlog and oldest waiting")
    func byClinic() async throws {
        try await StoreFixture.with { f in
            let data = try await Self.build(f)
            let report = try await report(f, .clinic)
            #expect(report.groups.map(\.key) == ["MSK-01", "MSK-02"])
            let a = try #require(report.group("MSK-01")), b = try #require(report.group("MSK-02"))
            #expect(a.studies == 3)
            #expect(a.toEstimate.count == 3 && a.toEstimate.p50 == 120)
            // percentile_cont over (60, 120, 180): position 0.9 · 2 = 1.8 → 120 + 0.8 · 60.
            #expect(abs(try #require(a.toEstimate.p90) - 168) < 1e-9)
            #expect(abs(try #require(a.toEstimate.p99) - 178.8) < 1e-9)
            #expect(a.toFirstReading == .init(count: 3, p50: 3000, p90: a.toFirstReading.p90, p99: a.toFirstReading.p99))
            #expect(a.toSecondReading.count == 2 && a.toSecondReading.p50 == 4600)
            #expect(a.sla == .init(met: 2, due: 3))
            #expect(a.slaByTier == [.p2: .init(met: 1, due: 2), .p3: .init(met: 1, due: 1)])
            #expect(b.studies == 3)
            #expect(b.toEstimate.count == 2 && b.toEstimate.p50 == 270)
            #expect(b.toFirstReading == .init(count: 0, p50: nil, p90: nil, p99: nil))
            #expect(b.toSecondReading.count == 0 && b.toSecondReading.p99 == nil)
            #expect(b.sla == .init(met: 0, due: 1))
            #expect(b.sla.share == 0)
            #expect(b.slaByTier == [.p3: .init(met: 0, due: 1)])
            #expect(report.backlog == 3)
            #expect(report.oldestWaiting == .init(publicID: data.old, tier: .p1, arrivalAt: Self.at(-3600), ageSeconds: 11 * 3600))
            #expect(report.asOf == Self.asOf)
        }
    }

    @Test("by tier and by first reader, with the groups for studies not queued or not read")
    func byTierAndRadiologist() async throws {
        try await StoreFixture.with { f in
            _ = try await Self.build(f)
            let tiers = try await report(f, .tier)
            #expect(tiers.groups.map(\.key) == ["P2", "P3", "(not queued)"])
            #expect(tiers.groups.map(\.studies) == [2, 3, 1])
            let p3 = try #require(tiers.group("P3"))
            #expect(p3.toEstimate.count == 2 && p3.toEstimate.p50 == 210)
            #expect(p3.sla == .init(met: 1, due: 2))
            #expect(tiers.group("P2")?.sla.share == 0.5)
            #expect(tiers.group("(not queued)")?.sla == .init(met: 0, due: 0))
            #expect(tiers.group("(not queued)")?.sla.share == nil)

            let readers = try await report(f, .radiologist)
            #expect(readers.groups.map(\.key) == ["alice", "bob", "(unread)"])
            #expect(readers.groups.map(\.studies) == [2, 1, 3])
            let alice = try #require(readers.group("alice"))
            #expect(alice.toFirstReading.count == 2 && alice.toFirstReading.p50 == 1800)
            #expect(alice.slaByTier == [.p2: .init(met: 1, due: 2)])
            #expect(readers.group("bob")?.sla == .init(met: 1, due: 1))
            #expect(readers.group("(unread)")?.sla == .init(met: 0, due: 1))
        }
    }

    @Test("an empty window has no groups; the queue snapshot still shows")
    func emptyWindow() async throws {
        try await StoreFixture.with { f in
            _ = try await Self.build(f)
            let report = try await TurnaroundStats(pool: f.pool).report(
                from: Self.at(-86400 * 7), to: Self.at(-86400 * 6), groupBy: .clinic, asOf: Self.asOf)
            #expect(report.groups.isEmpty)
            #expect(report.backlog == 3)
            #expect(report.csv() == report.csv().split(separator: "\r\n").first! + "\r\n")
        }
    }

    @Test("without asOf the database clock is used")
    func databaseClock() async throws {
        try await StoreFixture.with { f in
            let before = Date()
            let report = try await TurnaroundStats(pool: f.pool).report(from: Self.window.from, to: Self.window.to, groupBy: .tier)
            #expect(abs(report.asOf.timeIntervalSince(before)) < 60)
            #expect(report.backlog == 0 && report.oldestWaiting == nil)
        }
    }

    @Test("CSV: RFC 4180 lines, one row per group; JSON keys are the CSV columns")
    func csvAndJSON() async throws {
        try await StoreFixture.with { f in
            _ = try await Self.build(f)
            let report = try await report(f, .clinic)
            let csv = report.csv()
            #expect(csv.hasSuffix("\r\n"))
            let lines = csv.components(separatedBy: "\r\n").dropLast()
            #expect(lines.count == 3)
            let header = lines[0].components(separatedBy: ",")
            #expect(header.prefix(6) == ["group", "studies", "estimate_count", "estimate_p50_s", "estimate_p90_s", "estimate_p99_s"])
            #expect(header.contains("sla_compliance") && header.contains("sla_p5_compliance"))
            let expectedColumns = 35  // group, studies, 3 steps × 4, sla × 3, 6 tiers × 3
            #expect(header.count == expectedColumns)
            let b = lines[2].components(separatedBy: ",")
            #expect(b.count == header.count)
            let field = Dictionary(uniqueKeysWithValues: zip(header, b))
            #expect(field["group"] == "MSK-02")
            #expect(field["estimate_p50_s"] == "270")
            #expect(field["first_reading_p50_s"] == "")
            #expect(field["sla_met"] == "0" && field["sla_due"] == "1" && field["sla_compliance"] == "0")
            #expect(field["sla_p3_due"] == "1" && field["sla_p0_compliance"] == "")

            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
            #expect(Set(json.keys) == ["from", "to", "as_of", "group_by", "groups", "backlog", "oldest_waiting"])
            #expect(json["group_by"] as? String == "clinic")
            #expect(json["as_of"] as? String == "2025-03-03T21:06:40Z")
            let groups = try #require(json["groups"] as? [[String: Any]])
            #expect(Set(groups[1].keys) == Set(header))
            #expect(groups[1]["first_reading_p50_s"] is NSNull)
            let oldest = try #require(json["oldest_waiting"] as? [String: Any])
            #expect(Set(oldest.keys) == ["public_id", "tier", "arrival_at", "age_s"])
            #expect(oldest["tier"] as? String == "P1")
        }
    }
}
