/// One claimed unit of background work. `attempt` fences its completion: once the lease expired and the
/// job was claimed again, this value no longer matches and a late result is discarded.
public struct Job: Sendable, Equatable {
    public var id: Int
    public var kind: String
    public var studyID: Int
    public var attempt: Int
    public var owner: String
}
