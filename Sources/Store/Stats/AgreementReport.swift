import Foundation
import Triage

/// How often the estimator, the first reader and the second reader agree on the CT category, for the studies
/// received in [from, to). Matrices are 5×5 over CT-0…CT-4. Encodes to JSON with the same snake_case names as
/// the CSV columns (see `AgreementReport+CSV.swift`).
public struct AgreementReport: Sendable, Equatable, Encodable {
    /// One rater against another: `matrix.counts[i][j]` studies the row rater put in CT-i and the column rater in CT-j.
    public struct Comparison: Sendable, Equatable {
        public var matrix: ConfusionMatrix

        public init(matrix: ConfusionMatrix = ConfusionMatrix(size: CTCategory.allCases.count)) {
            self.matrix = matrix
        }

        public var pairs: Int { matrix.total }
        public var exactAgreement: Double? { matrix.exactAgreement }
        /// Quadratic weighted Cohen's kappa; nil when undefined (no pairs, or one category throughout).
        public var kappa: Double? { matrix.quadraticWeightedKappa }
    }

    /// A first reader's readings against the estimator (rows: estimator, columns: this radiologist).
    public struct Radiologist: Sendable, Equatable {
        public var name: String
        /// First readings this radiologist signed (with or without an estimate to compare with).
        public var firstReadings: Int
        public var againstEstimator: Comparison

        public init(name: String, firstReadings: Int, againstEstimator: Comparison) {
            self.name = name
            self.firstReadings = firstReadings
            self.againstEstimator = againstEstimator
        }
    }

    /// Second-reading coverage (§5): studies read twice / studies read at least once.
    public struct Coverage: Sendable, Equatable {
        public var firstRead: Int
        public var secondRead: Int
        public var target: Double

        public init(firstRead: Int, secondRead: Int, target: Double) {
            self.firstRead = firstRead
            self.secondRead = secondRead
            self.target = target
        }

        /// nil when nothing was read.
        public var share: Double? { firstRead > 0 ? Double(secondRead) / Double(firstRead) : nil }
        public var meetsTarget: Bool? { share.map { $0 >= target } }
    }

    public struct Discrepancies: Sendable, Equatable {
        public var minor: Int
        public var major: Int
        /// Major discrepancies whose arbitration reading is signed.
        public var arbitrationsDone: Int
        /// Major discrepancies still waiting for arbitration.
        public var arbitrationsPending: Int

        public init(minor: Int = 0, major: Int = 0, arbitrationsDone: Int = 0, arbitrationsPending: Int = 0) {
            self.minor = minor
            self.major = major
            self.arbitrationsDone = arbitrationsDone
            self.arbitrationsPending = arbitrationsPending
        }
    }

    public var from: Date
    public var to: Date
    /// Rows: the latest estimate version's category; columns: the first reading.
    public var estimatorVsFirstReader: Comparison
    /// Rows: the first reading; columns: the second reading.
    public var firstVsSecondReader: Comparison
    /// First readers, by name.
    public var radiologists: [Radiologist]
    public var secondReading: Coverage
    public var discrepancies: Discrepancies

    public init(
        from: Date, to: Date, estimatorVsFirstReader: Comparison, firstVsSecondReader: Comparison, radiologists: [Radiologist],
        secondReading: Coverage, discrepancies: Discrepancies
    ) {
        self.from = from
        self.to = to
        self.estimatorVsFirstReader = estimatorVsFirstReader
        self.firstVsSecondReader = firstVsSecondReader
        self.radiologists = radiologists
        self.secondReading = secondReading
        self.discrepancies = discrepancies
    }

    public func radiologist(_ name: String) -> Radiologist? { radiologists.first { $0.name == name } }

    private enum CodingKeys: String, CodingKey {
        case from, to, estimatorVsFirstReader = "estimator_vs_first_reader", firstVsSecondReader = "first_vs_second_reader"
        case radiologists, secondReading = "second_reading", discrepancies
    }

    private enum ComparisonKeys: String, CodingKey { case pairs, exactAgreement = "exact_agreement", kappa, matrix }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(StatsFormat.date(from), forKey: .from)
        try container.encode(StatsFormat.date(to), forKey: .to)
        for (comparison, key) in [(estimatorVsFirstReader, CodingKeys.estimatorVsFirstReader), (firstVsSecondReader, .firstVsSecondReader)] {
            var nested = container.nestedContainer(keyedBy: ComparisonKeys.self, forKey: key)
            try nested.encode(comparison.pairs, forKey: .pairs)
            try nested.encode(comparison.exactAgreement, forKey: .exactAgreement)
            try nested.encode(comparison.kappa, forKey: .kappa)
            try nested.encode(comparison.matrix, forKey: .matrix)
        }
        try container.encode(radiologists.map(\.row), forKey: .radiologists)
        try container.encode(secondReading.row, forKey: .secondReading)
        try container.encode(discrepancies.row, forKey: .discrepancies)
    }
}
