extension RoutingDecision {
    /// Human-readable rendering for a terminal: the outcome, then one trace line per fired rule.
    public func plainText() -> String {
        var lines = [
            "severity:  \(severity.name)",
            "tier:      \(tier.label)\(emergency ? " (EMERGENCY)" : "")",
            "decision:  \(decision)",
            "trace:",
        ]
        lines += trace.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}
