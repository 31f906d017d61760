/// One study of an evaluation run: what was known, what the estimator said, or why it failed.
public struct EvaluationRecord: Sendable {
    public var study: String
    public var truthCategory: CTCategory?
    public var truthInvolvementPercent: Double?
    public var estimatedCategory: CTCategory?
    public var estimatedInvolvementPercent: Double?
    public var lungDice: Double?
    public var lesionDice: Double?
    public var flags: [QualityFlag]
    public var elapsedMS: Double?
    public var failure: String?

    public init(
        study: String, truthCategory: CTCategory? = nil, truthInvolvementPercent: Double? = nil,
        estimatedCategory: CTCategory? = nil, estimatedInvolvementPercent: Double? = nil,
        lungDice: Double? = nil, lesionDice: Double? = nil, flags: [QualityFlag] = [], elapsedMS: Double? = nil, failure: String? = nil
    ) {
        self.study = study
        self.truthCategory = truthCategory
        self.truthInvolvementPercent = truthInvolvementPercent
        self.estimatedCategory = estimatedCategory
        self.estimatedInvolvementPercent = estimatedInvolvementPercent
        self.lungDice = lungDice
        self.lesionDice = lesionDice
        self.flags = flags
        self.elapsedMS = elapsedMS
        self.failure = failure
    }

    static let csvHeader = "study,truth_category,estimated_category,truth_involvement_pct,estimated_involvement_pct,lung_dice,lesion_dice,elapsed_ms,flags,error"

    var csvLine: String {
        func number(_ value: Double?, _ decimals: Int) -> String { value.map { JSONText.number($0, decimals: decimals) } ?? "" }
        let error = (failure ?? "").replacingCommas()
        return [
            study, truthCategory?.description ?? "", estimatedCategory?.description ?? "",
            number(truthInvolvementPercent, 3), number(estimatedInvolvementPercent, 3),
            number(lungDice, 4), number(lesionDice, 4), number(elapsedMS, 1),
            flags.map(\.rawValue).joined(separator: ";"), error,
        ].joined(separator: ",")
    }
}

extension String {
    fileprivate func replacingCommas() -> String { String(map { $0 == "," || $0 == "\n" ? ";" : $0 }) }
}
