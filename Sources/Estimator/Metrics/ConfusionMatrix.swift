/// Truth × estimate counts over the five CT categories, with the agreement statistics of a reader study.
public struct ConfusionMatrix: Sendable, Equatable {
    /// `counts[truth][estimate]`.
    public private(set) var counts: [[Int]]

    public init() {
        counts = Array(repeating: Array(repeating: 0, count: CTCategory.allCases.count), count: CTCategory.allCases.count)
    }

    public mutating func add(truth: CTCategory, estimate: CTCategory) {
        counts[truth.rawValue][estimate.rawValue] += 1
    }

    public var total: Int { counts.joined().reduce(0, +) }

    public var accuracy: Double {
        total == 0 ? 0 : Double((0..<counts.count).reduce(0) { $0 + counts[$1][$1] }) / Double(total)
    }

    /// Cohen's κ with quadratic weights w = (i − j)² / (k − 1)²; 1 is perfect, 0 is chance.
    /// Nil when undefined (no cases, or every case in one category for both readers).
    public var quadraticWeightedKappa: Double? {
        let n = Double(total)
        guard n > 0 else { return nil }
        let k = counts.count
        let rowSums = counts.map { Double($0.reduce(0, +)) }
        let columnSums = (0..<k).map { j in Double(counts.reduce(0) { $0 + $1[j] }) }
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            for j in 0..<k {
                let weight = Double((i - j) * (i - j)) / Double((k - 1) * (k - 1))
                observed += weight * Double(counts[i][j]) / n
                expected += weight * rowSums[i] * columnSums[j] / (n * n)
            }
        }
        return expected == 0 ? nil : 1 - observed / expected
    }
}
