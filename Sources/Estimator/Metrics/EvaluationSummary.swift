/// Agreement of an evaluation run: confusion matrix, accuracy, quadratic κ, involvement MAE, Dice.
public struct EvaluationSummary: Sendable {
    public private(set) var records: [EvaluationRecord] = []

    public init(records: [EvaluationRecord] = []) { self.records = records }

    public mutating func add(_ record: EvaluationRecord) { records.append(record) }

    public var failures: [EvaluationRecord] { records.filter { $0.failure != nil } }

    /// A study without a category (no lungs found) counts as CT-0: the estimator found no disease.
    public var confusion: ConfusionMatrix {
        var matrix = ConfusionMatrix()
        for record in records where record.failure == nil {
            if let truth = record.truthCategory { matrix.add(truth: truth, estimate: record.estimatedCategory ?? .ct0) }
        }
        return matrix
    }

    public var involvementMAE: Double? {
        Self.mean(records.compactMap { record in
            guard let truth = record.truthInvolvementPercent, let estimate = record.estimatedInvolvementPercent else { return nil }
            return abs(truth - estimate)
        })
    }

    public var meanLungDice: Double? { Self.mean(records.compactMap(\.lungDice)) }
    public var meanLesionDice: Double? { Self.mean(records.compactMap(\.lesionDice)) }

    /// Healthy truths (CT-0) that were read as diseased.
    public var healthyMisread: [EvaluationRecord] {
        records.filter { $0.failure == nil && $0.truthCategory == .ct0 && ($0.estimatedCategory ?? .ct0) != .ct0 }
    }

    public var csv: String {
        ([EvaluationRecord.csvHeader] + records.map(\.csvLine)).joined(separator: "\n") + "\n"
    }

    /// The end-of-run text report.
    public var report: String {
        let matrix = confusion
        var lines = ["confusion matrix (rows truth, columns estimate):", "        " + CTCategory.allCases.map { $0.description.padded(6) }.joined()]
        for truth in CTCategory.allCases {
            lines.append(truth.description.padded(8) + matrix.counts[truth.rawValue].map { String($0).padded(6) }.joined())
        }
        func show(_ value: Double?, _ decimals: Int = 3) -> String { value.map { JSONText.number($0, decimals: decimals) } ?? "n/a" }
        lines.append("studies: \(records.count), failed: \(failures.count)")
        lines.append("category accuracy: \(show(matrix.total > 0 ? matrix.accuracy : nil))")
        lines.append("quadratic-weighted kappa: \(show(matrix.quadraticWeightedKappa))")
        lines.append("involvement MAE (pp): \(show(involvementMAE, 2))")
        lines.append("lung Dice (mean): \(show(meanLungDice))")
        lines.append("lesion Dice (mean over studies with lesions): \(show(meanLesionDice))")
        lines.append("healthy read as diseased: \(healthyMisread.count)")
        for record in failures { lines.append("failed: \(record.study): \(record.failure ?? "")") }
        return lines.joined(separator: "\n")
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
