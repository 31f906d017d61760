import CLibPQ
import Foundation
import Glibc
import NIOPosix
import Synchronization

/// Waits for the results of every in-flight statement of a pool on one thread with epoll, as pgbench does.
///
/// Only non-blocking libpq calls run here (connections are in non-blocking mode: send, flush, consume,
/// get result when not busy). The blocking ones (connect, cancel, close) stay on the pool's `NIOThreadPool`.
/// One waiting thread for all connections means one wake-up serves every result that arrived together,
/// instead of a thread hand-off per statement.
final class PostgresReactor: Sendable {
    struct Submission: Sendable {
        var connection: PostgresConnection
        var sql: String
        var binds: [PostgresBind]?
        var cancel: CancelFlag
        var continuation: UnsafeContinuation<PostgresResult?, any Error>
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    private let threadPool: NIOThreadPool
    private let inbox = Mutex(Inbox())

    struct Inbox: ~Copyable {
        var submissions: [Submission] = []
        var stopping = false
        /// The loop is (about to be) blocked in epoll_wait: a submission must wake it through the eventfd.
        var sleeping = false
    }

    init(threadPool: NIOThreadPool) {
        self.threadPool = threadPool
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll/eventfd unavailable: \(String(cString: strerror(errno)))")
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: wakeFD))
        epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
        let thread = Thread { [self] in
            var loop = ReactorLoop(reactor: self)
            loop.run()
        }
        thread.name = "postgres-reactor"
        thread.start()
    }

    /// Runs one statement on `connection` and returns its result.
    func execute(_ connection: PostgresConnection, sql: String, binds: [PostgresBind]?, cancel: CancelFlag) async throws -> PostgresResult? {
        try await withUnsafeThrowingContinuation { continuation in
            let (accepted, mustWake) = inbox.withLock { inbox -> (Bool, Bool) in
                guard !inbox.stopping else { return (false, false) }
                inbox.submissions.append(Submission(connection: connection, sql: sql, binds: binds, cancel: cancel, continuation: continuation))
                defer { inbox.sleeping = false }
                return (true, inbox.sleeping)
            }
            if mustWake {
                wake()
            } else if !accepted {
                continuation.resume(throwing: PostgresError(code: .poolClosed, message: "the connection pool was closed"))
            }
        }
    }

    /// Also called when a statement's task is cancelled, so the loop looks at the cancel flags.
    func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Lets in-flight statements finish, then ends the thread.
    func shutdown() {
        inbox.withLock { $0.stopping = true }
        wake()
    }

    fileprivate func takeSubmissions() -> (submissions: [Submission], stopping: Bool) {
        inbox.withLock { inbox in
            defer { inbox.submissions = [] }
            return (inbox.submissions, inbox.stopping)
        }
    }

    /// Waits for socket events; sleeps only if no submission is queued, so a busy loop needs no eventfd.
    fileprivate func wait(_ events: inout [epoll_event], timeoutMilliseconds: Int32) -> Int {
        let mayBlock = inbox.withLock { inbox -> Bool in
            inbox.sleeping = inbox.submissions.isEmpty && !inbox.stopping
            return inbox.sleeping
        }
        let count = epoll_wait(epollFD, &events, Int32(events.count), mayBlock ? timeoutMilliseconds : 0)
        inbox.withLock { $0.sleeping = false }
        if count > 0, events.prefix(Int(count)).contains(where: { $0.data.fd == wakeFD }) {
            var counter: UInt64 = 0
            _ = read(wakeFD, &counter, 8)
        }
        return Int(max(count, 0))
    }

    /// Registers or updates interest in `fd`; a registration left by a closed connection whose descriptor
    /// number was reused is replaced.
    fileprivate func watch(_ fd: Int32, writable: Bool, operation: Int32) {
        var event = epoll_event(events: EPOLLIN.rawValue | (writable ? EPOLLOUT.rawValue : 0), data: epoll_data_t(fd: fd))
        if epoll_ctl(epollFD, operation, fd, &event) != 0 {
            let fallback = operation == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD
            epoll_ctl(epollFD, fallback, fd, &event)
        }
    }

    fileprivate func unwatch(_ fd: Int32) {
        epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
    }

    fileprivate func requestCancel(_ connection: PostgresConnection) {
        threadPool.submit { _ in connection.sendCancel() }
    }

    fileprivate func closeDescriptors() {
        close(epollFD)
        close(wakeFD)
    }

    fileprivate var wakeDescriptor: Int32 { wakeFD }
}

/// The reactor thread's state; lives on that thread only.
private struct ReactorLoop {
    struct InFlight {
        var submission: PostgresReactor.Submission
        var collector = ResultCollector()
        var flushing: Bool
        var cancelSent = false
    }

    let reactor: PostgresReactor
    var inFlight: [Int32: InFlight] = [:]
    /// Which connection each watched descriptor belongs to; watching stays on between statements.
    var watched: [Int32: ObjectIdentifier] = [:]

    init(reactor: PostgresReactor) { self.reactor = reactor }

    mutating func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        while true {
            let ready = reactor.wait(&events, timeoutMilliseconds: inFlight.isEmpty ? -1 : 50)
            let (submissions, stopping) = reactor.takeSubmissions()
            submissions.forEach { start($0) }
            for event in events.prefix(ready) where event.data.fd != reactor.wakeDescriptor {
                if inFlight[event.data.fd] != nil {
                    service(event.data.fd)
                } else {
                    // Input on an idle connection (e.g. the server closing it): stop watching; the pool's
                    // health check discards the connection at its next checkout.
                    reactor.unwatch(event.data.fd)
                    watched[event.data.fd] = nil
                }
            }
            forwardCancellations()
            if stopping && inFlight.isEmpty { break }
        }
        reactor.closeDescriptors()
    }

    mutating func start(_ submission: PostgresReactor.Submission) {
        let connection = submission.connection
        do {
            if submission.cancel.isSet { throw PostgresConnection.cancelledBeforeSending }
            try connection.send(sql: submission.sql, binds: submission.binds)
            let flush = PQflush(connection.handle)
            guard flush >= 0 else { throw connection.connectionError() }
            let fd = PQsocket(connection.handle)
            inFlight[fd] = InFlight(submission: submission, flushing: flush == 1)
            let owner = ObjectIdentifier(connection)
            if watched[fd] != owner {
                reactor.watch(fd, writable: flush == 1, operation: EPOLL_CTL_ADD)
                watched[fd] = owner
            } else if flush == 1 {
                reactor.watch(fd, writable: true, operation: EPOLL_CTL_MOD)
            }
            service(fd)
        } catch {
            submission.continuation.resume(throwing: error)
        }
    }

    mutating func service(_ fd: Int32) {
        guard var entry = inFlight[fd] else { return }
        let connection = entry.submission.connection
        do {
            if entry.flushing {
                let flush = PQflush(connection.handle)
                guard flush >= 0 else { throw connection.connectionError() }
                if flush == 0 {
                    entry.flushing = false
                    reactor.watch(fd, writable: false, operation: EPOLL_CTL_MOD)
                }
            }
            guard PQconsumeInput(connection.handle) == 1 else { throw connection.connectionError() }
            while PQisBusy(connection.handle) == 0 {
                guard let result = PQgetResult(connection.handle) else {
                    finish(fd, entry, with: Result { try entry.collector.finish() })
                    return
                }
                try entry.collector.take(result, from: connection)
            }
            inFlight[fd] = entry
        } catch {
            entry.collector.discard()
            finish(fd, entry, with: .failure(error))
        }
    }

    mutating func finish(_ fd: Int32, _ entry: InFlight, with result: Result<PostgresResult?, any Error>) {
        if entry.flushing { reactor.watch(fd, writable: false, operation: EPOLL_CTL_MOD) }
        inFlight[fd] = nil
        entry.submission.continuation.resume(with: result)
    }

    mutating func forwardCancellations() {
        for (fd, entry) in inFlight where entry.submission.cancel.isSet && !entry.cancelSent {
            inFlight[fd]?.cancelSent = true
            reactor.requestCancel(entry.submission.connection)
        }
    }
}
