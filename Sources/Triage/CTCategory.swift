import Foundation

/// MosMedData CT category: how much of both lungs is involved (Table 2, §1 of the routing spec).
public enum CTCategory: Int, CaseIterable, Comparable, Sendable {
    case ct0 = 0, ct1, ct2, ct3, ct4

    /// The label used in reports and on the command line, e.g. "CT-3".
    public var label: String { "CT-\(rawValue)" }

    /// The severity the CT alone implies (§1 table, right column).
    public var severity: Severity { Severity(rawValue: rawValue)! }

    /// Parses "CT-3" (case-insensitive, surrounding spaces ignored).
    public init(label: String) throws {
        let text = label.trimmingCharacters(in: .whitespaces).uppercased()
        guard text.hasPrefix("CT-"), let number = Int(text.dropFirst(3)), let category = CTCategory(rawValue: number) else {
            throw TriageError(
                code: .unknownCategory,
                subject: "ct",
                message: "ct category '\(label)' is not one of CT-0, CT-1, CT-2, CT-3, CT-4"
            )
        }
        self = category
    }

    public static func < (lhs: CTCategory, rhs: CTCategory) -> Bool { lhs.rawValue < rhs.rawValue }
}
