import Logging
import NIOPosix
import Synchronization

/// A bounded pool of libpq connections. Blocking libpq calls (connect, cancel, close) run on the pool's own
/// `NIOThreadPool`, never on an event loop; statements run in non-blocking mode and their results are awaited
/// by the pool's `PostgresReactor` thread. Connections are checked on checkout and replaced when broken; opening one retries with
/// backoff until the checkout deadline, so the pool rides out a database restart.
public final class PostgresPool: Sendable {
    public let configuration: PostgresConfiguration
    let threadPool: NIOThreadPool
    let reactor: PostgresReactor
    let logger: Logger
    let state = Mutex(State())

    struct State: ~Copyable {
        var idle: [PostgresConnection] = []
        var open = 0
        var closed = false
        var nextWaiterID = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Grant, any Error>)] = []
    }

    /// What a waiting borrower is handed: a connection, or the right to open one.
    enum Grant: Sendable {
        case connection(PostgresConnection)
        case slot
    }

    public init(configuration: PostgresConfiguration, logger: Logger) {
        precondition(configuration.maxConnections > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.logger = logger
        // One thread per connection, plus one so that connecting never waits behind a long statement.
        threadPool = NIOThreadPool(numberOfThreads: configuration.maxConnections + 1)
        threadPool.start()
        reactor = PostgresReactor(threadPool: threadPool)
    }

    /// Lends a connection to `body` and takes it back afterwards, closing it if `body` left it unusable.
    @discardableResult
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await checkout()
        do {
            let value = try await body(connection)
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    /// Runs one statement on a pooled connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await withConnection { try await $0.query(query) }
    }

    /// Closes idle connections, fails waiters and stops the thread pool. Borrowed connections close on return.
    public func close() async {
        let (idle, waiters) = state.withLock { state -> ([PostgresConnection], [CheckedContinuation<Grant, any Error>]) in
            state.closed = true
            let idle = state.idle
            state.open -= idle.count
            state.idle = []
            let waiters = state.waiters.map(\.continuation)
            state.waiters = []
            return (idle, waiters)
        }
        waiters.forEach { $0.resume(throwing: PostgresError(code: .poolClosed, message: "the connection pool was closed")) }
        for connection in idle {
            try? await threadPool.runIfActive { connection.closeBlocking() }
        }
        reactor.shutdown()
        try? await threadPool.shutdownGracefully()
    }

    /// The pool's reactor thread as a task executor. A database-bound loop started with this preference
    /// (`Task(executorPreference:)`, `group.addTask(executorPreference:)`) has each reply resume it on the
    /// thread that read the reply, with no wake-up of another thread. Keep CPU-heavy or blocking work off it.
    public var taskExecutor: any TaskExecutor { reactor }

    /// Connections currently open (idle or lent).
    public var openConnections: Int { state.withLock { $0.open } }
}
