/// Paired ratings of the same cases by two raters on one ordinal scale (here CT-0…CT-4): `counts[i][j]` is the
/// number of cases the row rater put in category i and the column rater in category j.
///
/// Encodes as the bare array of rows, so a report shows the matrix as `[[Int]]`.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    public private(set) var counts: [[Int]]

    /// An empty `size`×`size` matrix.
    public init(size: Int) {
        precondition(size > 0, "a confusion matrix needs at least one category")
        counts = Array(repeating: Array(repeating: 0, count: size), count: size)
    }

    /// A matrix from its rows; they must form a non-empty square of non-negative counts.
    public init(counts: [[Int]]) {
        precondition(!counts.isEmpty && counts.allSatisfy { $0.count == counts.count }, "a confusion matrix is square")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts are never negative")
        self.counts = counts
    }

    public init(from decoder: any Decoder) throws {
        let rows = try decoder.singleValueContainer().decode([[Int]].self)
        guard !rows.isEmpty, rows.allSatisfy({ $0.count == rows.count && $0.allSatisfy { $0 >= 0 } }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a square matrix of counts"))
        }
        counts = rows
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(counts)
    }

    public var size: Int { counts.count }

    public mutating func add(row: Int, column: Int, count: Int = 1) {
        precondition(count >= 0, "counts are never negative")
        counts[row][column] += count
    }

    /// Number of pairs.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }

    public var columnTotals: [Int] { (0..<size).map { j in counts.reduce(0) { $0 + $1[j] } } }

    /// Share of pairs on the diagonal; nil when there are no pairs.
    public var exactAgreement: Double? {
        let n = total
        guard n > 0 else { return nil }
        return Double((0..<size).reduce(0) { $0 + counts[$1][$1] }) / Double(n)
    }
}
