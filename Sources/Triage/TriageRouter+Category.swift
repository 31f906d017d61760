extension TriageRouter {
    /// §1: the CT category for an involvement percentage, with half-open bounds so every value has
    /// exactly one category. At or below the detection floor counts as no lesion found (CT-0).
    public func category(forInvolvement percent: Double) throws(TriageError) -> CTCategory {
        try Self.requirePercent(percent, field: "involvement")
        let bounds = rules.categories
        if percent <= bounds.detectionFloorPercent { return .ct0 }
        if percent < bounds.ct2FromPercent { return .ct1 }
        if percent < bounds.ct3FromPercent { return .ct2 }
        if percent < bounds.ct4FromPercent { return .ct3 }
        return .ct4
    }

    /// A trace line explaining `category(forInvolvement:)`, e.g. "Involvement 37.2 % in [25, 50) → CT-2 (§1)".
    public func categoryTraceLine(forInvolvement percent: Double) throws(TriageError) -> String {
        let category = try category(forInvolvement: percent)
        let bounds = rules.categories
        let text = NumberText.format
        let interval = switch category {
        case .ct0: "≤ detection floor \(text(bounds.detectionFloorPercent))"
        case .ct1: "in (\(text(bounds.detectionFloorPercent)), \(text(bounds.ct2FromPercent)))"
        case .ct2: "in [\(text(bounds.ct2FromPercent)), \(text(bounds.ct3FromPercent)))"
        case .ct3: "in [\(text(bounds.ct3FromPercent)), \(text(bounds.ct4FromPercent)))"
        case .ct4: "in [\(text(bounds.ct4FromPercent)), 100]"
        }
        return "Involvement \(text(percent)) % \(interval) → \(category.label) (§1)"
    }
}
