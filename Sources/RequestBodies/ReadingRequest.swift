import Foundation

/// The body of signing a reading under a claim.
public struct ReadingRequest: Decodable, Sendable {
    public var leaseToken: UUID
    public var category: String
    public var findings: String?
}
