import Foundation

/// The body of renewing or releasing a claim.
public struct LeaseRequest: Decodable, Sendable {
    public var leaseToken: UUID
}
