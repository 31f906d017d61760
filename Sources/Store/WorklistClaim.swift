import Foundation

/// A radiologist's hold on one study: the token proves it when signing, renewing or releasing.
public struct WorklistClaim: Sendable, Equatable {
    public var studyID: Int
    public var publicID: UUID
    /// 1 first reading, 2 second reading, 3 arbitration.
    public var readingNumber: Int
    public var token: UUID
    public var expiresAt: Date
}
