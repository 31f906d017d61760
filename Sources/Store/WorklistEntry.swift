import Foundation

/// One row of the radiologists' queue as `GET /api/v1/worklist` lists it.
public struct WorklistEntry: Sendable, Codable, Equatable {
    public var studyId: UUID
    public var clinic: String
    public var tier: String
    public var dueAt: Date
    public var overdue: Bool
    public var arrivalAt: Date
    public var status: String
    public var category: String?
    public var categorySource: String?
    public var involvementPercent: Double?
    public var flags: [String]
    public var emergency: Bool
    /// The reading this study needs next: 1 first, 2 second, 3 arbitration.
    public var readingNumberNeeded: Int
    public var claimed: Bool
    public var keyImageUrl: String?
}
