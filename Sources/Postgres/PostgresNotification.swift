/// A NOTIFY received on a channel this process listens to.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// Process id of the server backend that sent it.
    public var senderPID: Int32
}
