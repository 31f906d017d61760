/// Routing severity, ordered from least to most urgent (Table 2, left column).
public enum Severity: Int, CaseIterable, Comparable, Sendable {
    case zero = 0, mild, moderate, severe, critical

    /// The lower-case name used in JSON output and in the rules file.
    public var name: String {
        switch self {
        case .zero: "zero"
        case .mild: "mild"
        case .moderate: "moderate"
        case .severe: "severe"
        case .critical: "critical"
        }
    }

    public init?(name: String) {
        guard let match = Severity.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
