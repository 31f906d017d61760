import Foundation

/// A study as the API shows it: identifiers, timestamps, the latest estimate, the current route and the
/// queue position. Field names are the JSON names (snake_case via the encoder).
public struct StudyView: Sendable, Codable, Equatable {
    public struct Estimate: Sendable, Codable, Equatable {
        public var version: Int
        public var category: String?
        public var involvementPercent: Double?
        public var leftInvolvementPercent: Double?
        public var rightInvolvementPercent: Double?
        public var lungMl: Double?
        public var lesionMl: Double?
        public var leftLungMl: Double?
        public var rightLungMl: Double?
        public var flags: [String]
        public var keyImages: [String]
        public var createdAt: Date
    }

    public struct Route: Sendable, Codable, Equatable {
        public var categorySource: String
        public var category: String?
        public var severity: String
        public var tier: String
        public var emergency: Bool
        public var decision: String
        public var trace: [String]
        public var decidedAt: Date
    }

    public struct Queue: Sendable, Codable, Equatable {
        public var tier: String
        public var dueAt: Date
        public var overdue: Bool
        public var readingsRequired: Int
        public var readingsSigned: Int
        public var claimed: Bool
        public var done: Bool
    }

    public var id: UUID
    public var clinic: String
    public var patientId: String
    public var setting: String
    public var status: String
    public var failureReason: String?
    public var acquiredAt: Date?
    public var receivedAt: Date
    public var estimatedAt: Date?
    public var firstReadAt: Date?
    public var secondReadAt: Date?
    public var finalisedAt: Date?
    public var estimate: Estimate?
    public var route: Route?
    public var queue: Queue?
}
