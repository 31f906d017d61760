import CLibPQ
import Glibc
import Logging
import NIOPosix
import Synchronization

/// One libpq connection. Obtain it from `PostgresPool.withConnection`, or `connect` it yourself.
///
/// Sendable by ownership: the pool lends a connection to one borrower at a time and takes it back only after
/// the borrower's closure returned; the borrower awaits each call, so libpq sees at most one call at a time on
/// this `PGconn`: blocking calls on a thread of `threadPool`; with a reactor, the non-blocking send on the
/// caller's thread and the result collection on the reactor's thread, handed over under the reactor's lock.
/// The `PGcancel` handle is documented thread-safe.
public final class PostgresConnection: @unchecked Sendable {
    let handle: OpaquePointer
    private let cancelHandle: OpaquePointer?
    let threadPool: NIOThreadPool
    /// Waits for results when the connection belongs to a pool; nil: wait on a `threadPool` thread.
    let reactor: PostgresReactor?
    private var closed = false
    /// Unique for the process's lifetime: a descriptor number and an object address can both be reused by a
    /// later connection, this cannot.
    let serial = PostgresConnection.serials.add(1, ordering: .relaxed).newValue
    private static let serials = Atomic<UInt64>(0)

    private init(handle: OpaquePointer, threadPool: NIOThreadPool, reactor: PostgresReactor?) {
        self.handle = handle
        self.cancelHandle = PQgetCancel(handle)
        self.threadPool = threadPool
        self.reactor = reactor
    }

    deinit { closeBlocking() }

    /// Opens a connection on a thread of `threadPool` and prepares the session (UTC, ISO dates, timeouts).
    public static func connect(configuration: PostgresConfiguration, threadPool: NIOThreadPool) async throws -> PostgresConnection {
        try await connect(configuration: configuration, threadPool: threadPool, reactor: nil)
    }

    static func connect(
        configuration: PostgresConfiguration, threadPool: NIOThreadPool, reactor: PostgresReactor?
    ) async throws -> PostgresConnection {
        try await threadPool.runIfActive {
            try connectBlocking(configuration: configuration, threadPool: threadPool, reactor: reactor)
        }
    }

    static func connectBlocking(
        configuration: PostgresConfiguration, threadPool: NIOThreadPool, reactor: PostgresReactor?
    ) throws -> PostgresConnection {
        var keywords = ["fallback_application_name", "client_encoding", "connect_timeout"]
        var values = [configuration.applicationName, "UTF8", "\(configuration.connectTimeoutSeconds)"]
        if !configuration.connectionString.isEmpty {
            keywords.insert("dbname", at: 0)
            values.insert(configuration.connectionString, at: 0)
        }
        guard let handle = withCStringArray(keywords, { k in withCStringArray(values, { v in PQconnectdbParams(k, v, 1) }) }) else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
            PQfinish(handle)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        let connection = PostgresConnection(handle: handle, threadPool: threadPool, reactor: reactor)
        var setup = "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET bytea_output = 'hex'; SET IntervalStyle = 'iso_8601';"
        if let timeout = configuration.statementTimeout {
            setup += " SET statement_timeout = \(timeout.milliseconds);"
        }
        _ = try connection.runBlocking(sql: setup, binds: nil, cancel: CancelFlag())
        if reactor != nil { PQsetnonblocking(handle, 1) }
        return connection
    }

    /// Runs one statement with its bound parameters and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await run(sql: query.sql, binds: query.binds)
    }

    /// Runs a script of several statements with no parameters (the simple query protocol), e.g. a migration file.
    public func execute(script: String) async throws {
        _ = try await run(sql: script, binds: nil)
    }

    private func run(sql: String, binds: [PostgresBind]?) async throws -> PostgresRows {
        let flag = CancelFlag()
        return try await withTaskCancellationHandler {
            if let reactor {
                return PostgresRows(result: try await reactor.execute(self, sql: sql, binds: binds, cancel: flag))
            }
            return try await threadPool.runIfActive { [self] in
                PostgresRows(result: try runBlocking(sql: sql, binds: binds, cancel: flag))
            }
        } onCancel: {
            flag.set()
            reactor?.wake()
        }
    }

    /// True when the connection can take a statement: open, idle, and not holding unread input
    /// (a server that shuts down sends a FATAL message to idle sessions before closing them).
    var isHealthy: Bool {
        guard !closed, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    var isBroken: Bool { closed || PQstatus(handle) != CONNECTION_OK }

    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Closes the connection (sends Terminate). Safe to call more than once.
    func closeBlocking() {
        guard !closed else { return }
        closed = true
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        PQfinish(handle)
    }

    /// Asks the server to cancel the statement in progress (a separate connection, as libpq does).
    func sendCancel() {
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, 256)
    }
}

/// Set from a task-cancellation handler, read by the thread waiting on the server.
final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = duplicates.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
