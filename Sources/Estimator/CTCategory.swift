/// MosMedData CT severity category, decided from the share of lung volume affected.
public enum CTCategory: Int, Sendable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case ct0 = 0, ct1, ct2, ct3, ct4

    /// Half-open bounds of routing spec §1: CT-0 at or below the detection floor, CT-1 (floor, 25),
    /// CT-2 [25, 50), CT-3 [50, 75), CT-4 [75, 100].
    public init(involvementPercent: Double, detectionFloorPercent: Double = 0.5) {
        switch involvementPercent {
        case ..<0, 0...detectionFloorPercent: self = .ct0
        case ..<25: self = .ct1
        case ..<50: self = .ct2
        case ..<75: self = .ct3
        default: self = .ct4
        }
    }

    /// Parses "CT-2", "ct2" or "2".
    public init?(label: String) {
        let digits = label.filter(\.isNumber)
        let rest = label.uppercased().filter { !$0.isNumber && $0 != "-" && $0 != " " }
        guard rest.isEmpty || rest == "CT", let value = Int(digits), let category = CTCategory(rawValue: value) else {
            return nil
        }
        self = category
    }

    public var description: String { "CT-\(rawValue)" }

    public static func < (lhs: CTCategory, rhs: CTCategory) -> Bool { lhs.rawValue < rhs.rawValue }
}
