import Foundation
import Postgres
import Store
import Testing
import Triage

@Suite("Agreement statistics")
struct AgreementStatsTests {
    static let t0 = Date(timeIntervalSince1970: 1_741_000_000)
    static let window = (from: t0, to: t0.addingTimeInterval(86400))

    /// Categories as numbers (estimate versions oldest first; readings 1, 2; arbitration):
    ///
    /// | study | estimates  | 1st        | 2nd         | discrepancy              |
    /// |-------|------------|------------|-------------|--------------------------|
    /// | s1    | 0, then 1  | alice 1    | bob 1       |                          |
    /// | s2    | 2          | alice 2    | bob 3       | major, arbitrated (dave) |
    /// | s3    | 3          | alice 2    |             |                          |
    /// | s4    | 0          | bob 0      | alice 1     | minor                    |
    /// | s5    | 4, then —  | bob 4      | carol 2     | major, pending           |
    /// | s6    |            | carol 3    |             |                          |
    /// | s7    | 1          |            |             |                          |
    /// | s8    | 0          | alice 4    |             | (received after the window) |
    ///
    /// Estimator × first reader: (1,1) (2,2) (3,2) (0,0); s5's latest estimate has no category.
    /// First × second: (1,1) (2,3) (0,1) (4,2).
    static func build(_ f: StoreFixture) async throws {
        let alice = try await f.makeRadiologist("alice"), bob = try await f.makeRadiologist("bob")
        let carol = try await f.makeRadiologist("carol"), dave = try await f.makeRadiologist("dave")
        var minute = 0.0
        func study(estimates: [Int?], readings: [(Int, Int)], discrepancy: String? = nil, arbiter: Int? = nil, after: Bool = false) async throws {
            minute += 1
            let id = try await f.addStudy(receivedAt: (after ? window.to : t0).addingTimeInterval(minute * 60))
            for (index, category) in estimates.enumerated() { try await f.addEstimate(study: id, version: index + 1, category: category) }
            for (index, reading) in readings.enumerated() {
                try await f.addReading(study: id, number: index + 1, radiologist: reading.0, category: reading.1)
            }
            if let discrepancy { try await f.addDiscrepancy(study: id, kind: discrepancy, arbiter: arbiter.map { ($0, 3) }) }
        }
        try await study(estimates: [0, 1], readings: [(alice, 1), (bob, 1)])
        try await study(estimates: [2], readings: [(alice, 2), (bob, 3)], discrepancy: "major", arbiter: dave)
        try await study(estimates: [3], readings: [(alice, 2)])
        try await study(estimates: [0], readings: [(bob, 0), (alice, 1)], discrepancy: "minor")
        try await study(estimates: [4, nil], readings: [(bob, 4), (carol, 2)], discrepancy: "major")
        try await study(estimates: [], readings: [(carol, 3)])
        try await study(estimates: [1], readings: [])
        try await study(estimates: [0], readings: [(alice, 4)], after: true)
    }

    static func matrix(_ pairs: [(Int, Int)]) -> ConfusionMatrix {
        var matrix = ConfusionMatrix(size: 5)
        for (row, column) in pairs { matrix.add(row: row, column: column) }
        return matrix
    }

    @Test("matrices, kappa, per radiologist, coverage and discrepancies")
    func report() async throws {
        try await StoreFixture.with { f in
            try await Self.build(f)
            let report = try await AgreementStats(pool: f.pool).report(from: Self.window.from, to: Self.window.to)
            let estimator = report.estimatorVsFirstReader, readers = report.firstVsSecondReader
            #expect(estimator.matrix == Self.matrix([(1, 1), (2, 2), (3, 2), (0, 0)]))
            #expect(estimator.pairs == 4 && estimator.exactAgreement == 0.75)
            // Rows (1,1,1,1,0), columns (1,1,2,0,0): Σw·r·c = 32, Σw·O = 1, κ = 1 − 4/32.
            #expect(abs(try #require(estimator.kappa) - 7.0 / 8) < 1e-12)
            #expect(readers.matrix == Self.matrix([(1, 1), (2, 3), (0, 1), (4, 2)]))
            #expect(readers.exactAgreement == 0.25)
            #expect(abs(try #require(readers.kappa) - 11.0 / 23) < 1e-12)

            #expect(report.radiologists.map(\.name) == ["alice", "bob", "carol"])
            let alice = try #require(report.radiologist("alice"))
            #expect(alice.firstReadings == 3 && alice.againstEstimator.pairs == 3)
            #expect(alice.againstEstimator.exactAgreement == 2.0 / 3)
            #expect(abs(try #require(alice.againstEstimator.kappa) - 2.0 / 3) < 1e-12)
            let bob = try #require(report.radiologist("bob"))
            #expect(bob.firstReadings == 2 && bob.againstEstimator.pairs == 1 && bob.againstEstimator.exactAgreement == 1)
            #expect(bob.againstEstimator.kappa == nil, "one category throughout: kappa undefined")
            let carol = try #require(report.radiologist("carol"))
            #expect(carol.firstReadings == 1 && carol.againstEstimator.pairs == 0)
            #expect(carol.againstEstimator.exactAgreement == nil && carol.againstEstimator.kappa == nil)

            #expect(report.secondReading == .init(firstRead: 6, secondRead: 4, target: 0.9))
            #expect(report.secondReading.share == 4.0 / 6 && report.secondReading.meetsTarget == false)
            #expect(report.discrepancies == .init(minor: 1, major: 2, arbitrationsDone: 1, arbitrationsPending: 1))

            let lenient = try await AgreementStats(pool: f.pool, coverageTarget: 0.5).report(from: Self.window.from, to: Self.window.to)
            #expect(lenient.secondReading.meetsTarget == true)
        }
    }

    @Test("no studies: empty matrices, undefined kappa and coverage")
    func empty() async throws {
        try await StoreFixture.with { f in
            let report = try await AgreementStats(pool: f.pool).report(from: Self.window.from, to: Self.window.to)
            #expect(report.estimatorVsFirstReader.pairs == 0 && report.estimatorVsFirstReader.kappa == nil)
            #expect(report.firstVsSecondReader.exactAgreement == nil)
            #expect(report.radiologists.isEmpty)
            #expect(report.secondReading.share == nil && report.secondReading.meetsTarget == nil)
            #expect(report.discrepancies == .init())
        }
    }

    @Test("CSV: summary and matrix rows per comparison, then radiologists; JSON keys are the CSV columns")
    func csvAndJSON() async throws {
        try await StoreFixture.with { f in
            try await Self.build(f)
            let report = try await AgreementStats(pool: f.pool).report(from: Self.window.from, to: Self.window.to)
            let csv = report.csv()
            #expect(csv.hasSuffix("\r\n"))
            let lines = Array(csv.components(separatedBy: "\r\n").dropLast())
            let expectedLines = 16  // header, 2 × (summary + 5 matrix rows), 3 radiologists
            #expect(lines.count == expectedLines)
            #expect(lines[0] == "section,radiologist,category,first_readings,pairs,exact_agreement,kappa,ct_0,ct_1,ct_2,ct_3,ct_4")
            #expect(lines[1] == "estimator_vs_first_reader,,,,4,0.75,0.875,,,,,")
            #expect(lines[4] == "estimator_vs_first_reader,,CT-2,,1,,,0,0,1,0,0")
            #expect(lines[5] == "estimator_vs_first_reader,,CT-3,,1,,,0,0,1,0,0")
            #expect(lines[7].hasPrefix("first_vs_second_reader,,,,4,0.25,0.478") && lines[7].hasSuffix(",,,,,"))
            #expect(lines[11] == "first_vs_second_reader,,CT-3,,0,,,0,0,0,0,0")
            #expect(lines[12] == "first_vs_second_reader,,CT-4,,1,,,0,0,1,0,0")
            #expect(lines[14] == "radiologist,bob,,2,1,1,,,,,,")
            #expect(lines[15] == "radiologist,carol,,1,0,,,,,,,")

            let header = Set(lines[0].components(separatedBy: ","))
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
            #expect(Set(json.keys) == ["from", "to", "estimator_vs_first_reader", "first_vs_second_reader", "radiologists", "second_reading", "discrepancies"])
            let radiologists = try #require(json["radiologists"] as? [[String: Any]])
            #expect(Set(radiologists[0].keys).isSubset(of: header))
            #expect(radiologists[2]["kappa"] is NSNull)
            let comparison = try #require(json["estimator_vs_first_reader"] as? [String: Any])
            #expect(Set(comparison.keys) == ["pairs", "exact_agreement", "kappa", "matrix"])
            #expect(comparison["matrix"] as? [[Int]] == Self.matrix([(1, 1), (2, 2), (3, 2), (0, 0)]).counts)
            let coverage = try #require(json["second_reading"] as? [String: Any])
            #expect(coverage["meets_target"] as? Bool == false && coverage["first_read"] as? Int == 6)
            let discrepancies = try #require(json["discrepancies"] as? [String: Any])
            #expect(discrepancies["arbitrations_pending"] as? Int == 1)
        }
    }
}
