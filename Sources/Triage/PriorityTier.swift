/// Reading-queue tier (§5): P0 is read first.
public enum PriorityTier: Int, CaseIterable, Comparable, Sendable {
    case p0 = 0, p1, p2, p3, p4, p5

    public var label: String { "P\(rawValue)" }

    public init?(label: String) {
        let text = label.uppercased()
        guard text.hasPrefix("P"), let number = Int(text.dropFirst()), let tier = PriorityTier(rawValue: number) else {
            return nil
        }
        self = tier
    }

    /// The tier a final severity lands in when there is no emergency (§5 table).
    public init(severity: Severity) {
        switch severity {
        case .critical: self = .p1
        case .severe: self = .p2
        case .moderate: self = .p3
        case .mild: self = .p4
        case .zero: self = .p5
        }
    }

    public static func < (lhs: PriorityTier, rhs: PriorityTier) -> Bool { lhs.rawValue < rhs.rawValue }
}
