import Foundation

/// What the worklist page shows about a queued study, stored on its queue row (see migration 0003) by the
/// transaction that re-routes it.
public struct WorklistListing: Sendable, Equatable {
    public var publicID: UUID
    public var clinicCode: String
    public var status: String
    public var category: Int?
    public var categorySource: String?
    public var involvementPercent: Double?
    public var flags: [String]
    public var emergency: Bool
    public var keyImageCount: Int

    public init(
        publicID: UUID, clinicCode: String, status: String, category: Int?, categorySource: String?, involvementPercent: Double?,
        flags: [String], emergency: Bool, keyImageCount: Int
    ) {
        self.publicID = publicID
        self.clinicCode = clinicCode
        self.status = status
        self.category = category
        self.categorySource = categorySource
        self.involvementPercent = involvementPercent
        self.flags = flags
        self.emergency = emergency
        self.keyImageCount = keyImageCount
    }
}
