import CLibPQ
import Glibc
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

/// LISTEN on a dedicated connection, delivered as `AsyncStream`s. Run it as a ServiceLifecycle `Service`:
/// it reconnects with backoff when the connection drops and LISTENs again to every channel. Notifications
/// sent while it was disconnected are lost (PostgreSQL does not queue them), so consumers should also poll.
public final class PostgresListener: Service, Sendable {
    let configuration: PostgresConfiguration
    let logger: Logger
    let threadPool = NIOThreadPool(numberOfThreads: 1)
    let subscribers = Mutex(Subscribers())

    struct Subscribers: ~Copyable {
        var streams: [String: [Int: AsyncStream<PostgresNotification>.Continuation]] = [:]
        var nextID = 0
        var connected = false
        /// Channels subscribed since the last LISTEN round, to be listened to by the run loop.
        var pending: Set<String> = []
    }

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Notifications on `channel` from now on, until the listener stops or the stream is dropped.
    /// Channel names are identifiers: lowercase letters, digits and underscores.
    public func notifications(channel: String) throws -> AsyncStream<PostgresNotification> {
        guard Self.isValidChannel(channel) else {
            throw PostgresError(code: .invalidParameter, message: "invalid channel name \"\(channel)\": use [a-z_][a-z0-9_]*")
        }
        let (stream, continuation) = AsyncStream<PostgresNotification>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let id = subscribers.withLock { state in
            state.nextID += 1
            state.streams[channel, default: [:]][state.nextID] = continuation
            state.pending.insert(channel)
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { state in _ = state.streams[channel]?.removeValue(forKey: id) }
        }
        return stream
    }

    /// True while the dedicated connection is up and listening.
    public var isConnected: Bool { subscribers.withLock { $0.connected } }

    public func run() async throws {
        threadPool.start()
        defer {
            // Finish outside the lock: finishing runs the streams' onTermination, which takes it again.
            let open = subscribers.withLock { state in
                state.connected = false
                defer { state.streams = [:] }
                return state.streams.values.flatMap(\.values)
            }
            open.forEach { $0.finish() }
        }
        await cancelWhenGracefulShutdown { [self] in
            var delay = Duration.milliseconds(100)
            while !Task.isCancelled {
                do {
                    try await listenUntilDisconnected()
                    delay = .milliseconds(100)
                } catch is CancellationError {
                    break
                } catch {
                    logger.warning("LISTEN connection lost, reconnecting", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(2))
                }
            }
        }
        try? await threadPool.shutdownGracefully()
    }

    private func listenUntilDisconnected() async throws {
        let connection = try await PostgresConnection.connect(configuration: configuration, threadPool: threadPool)
        defer {
            subscribers.withLock { $0.connected = false }
            connection.closeBlocking()
        }
        let all = subscribers.withLock { state -> [String] in
            state.pending = []
            return Array(state.streams.keys)
        }
        try await listen(all, on: connection)
        subscribers.withLock { $0.connected = true }
        logger.debug("listening", metadata: ["channels": "\(all.sorted())"])
        while true {
            try Task.checkCancellation()
            let fresh = subscribers.withLock { state -> [String] in
                defer { state.pending = [] }
                return Array(state.pending)
            }
            try await listen(fresh, on: connection)
            let received = try await threadPool.runIfActive { try Self.waitForNotifications(connection, milliseconds: 200) }
            deliver(received)
        }
    }

    private func listen(_ channels: [String], on connection: PostgresConnection) async throws {
        guard !channels.isEmpty else { return }
        // LISTEN takes an identifier, not a parameter; channel names were validated on subscription.
        try await connection.execute(script: channels.map { "LISTEN \($0);" }.joined())
    }

    private func deliver(_ notifications: [PostgresNotification]) {
        guard !notifications.isEmpty else { return }
        let targets = subscribers.withLock { state in
            notifications.map { ($0, Array(state.streams[$0.channel]?.values ?? [:].values)) }
        }
        for (notification, continuations) in targets {
            continuations.forEach { $0.yield(notification) }
        }
    }

    static func waitForNotifications(_ connection: PostgresConnection, milliseconds: Int32) throws -> [PostgresNotification] {
        var descriptor = pollfd(fd: PQsocket(connection.handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR { throw connection.connectionError() }
        guard PQconsumeInput(connection.handle) == 1, PQstatus(connection.handle) == CONNECTION_OK else {
            throw connection.connectionError()
        }
        var received: [PostgresNotification] = []
        while let raw = PQnotifies(connection.handle) {
            let notify = raw.pointee
            received.append(PostgresNotification(
                channel: String(cString: notify.relname), payload: String(cString: notify.extra), senderPID: notify.be_pid))
            PQfreemem(raw)
        }
        return received
    }

    static func isValidChannel(_ name: String) -> Bool {
        guard let first = name.utf8.first, !name.isEmpty, name.utf8.count <= 63 else { return false }
        let isLetter = { (c: UInt8) in (c >= 97 && c <= 122) || c == 95 }
        return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
    }
}
