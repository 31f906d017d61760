import CLibPQ
import Foundation
import Glibc
import NIOPosix
import Synchronization

/// Waits for the results of every in-flight statement of a pool on one thread with epoll, as pgbench does.
///
/// The calling task sends its statement itself (connections are in non-blocking mode, so send and flush
/// never block) and then hands the connection to this thread, which collects the result. A hand-off needs no
/// wake-up: the reply arriving on the socket is what wakes the loop, so a statement costs one thread switch
/// (reply → resumed task) instead of two. Only non-blocking libpq calls run here; the blocking ones
/// (connect, cancel, close) stay on the pool's `NIOThreadPool`.
///
/// It is also a `TaskExecutor`: a task that prefers it runs its jobs on this thread between socket events, so a
/// statement's reply resumes the task with no thread switch at all (pgbench's model: one thread drives many
/// connections). Only database-bound loops should prefer it — anything slow on this thread delays every reply.
final class PostgresReactor: TaskExecutor, Sendable {
    struct Submission: Sendable {
        var connection: PostgresConnection
        var cancel: CancelFlag
        /// The statement did not fit in the socket buffer: the loop must finish the flush.
        var flushing: Bool
        var continuation: UnsafeContinuation<PostgresResult?, any Error>
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    private let threadPool: NIOThreadPool
    private let inbox = Mutex(Inbox())

    struct Inbox: ~Copyable {
        var submissions: [Submission] = []
        /// Descriptors whose connection a caller is sending on right now: the loop must not touch them,
        /// even if their reply is already readable.
        var sending: Set<Int32> = []
        /// Which connection (serial) each watched descriptor belongs to; watching stays on between statements.
        var watched: [Int32: UInt64] = [:]
        /// Jobs of tasks that prefer this executor, run by the loop in arrival order.
        var jobs: [UnownedJob] = []
        var stopping = false
        /// The thread has ended: jobs go to the global executor from now on.
        var finished = false
        /// The loop is (about to be) blocked in epoll_wait.
        var sleeping = false

        func isClaimed(_ fd: Int32) -> Bool {
            sending.contains(fd) || submissions.contains { PQsocket($0.connection.handle) == fd }
        }
    }

    init(threadPool: NIOThreadPool) {
        self.threadPool = threadPool
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        precondition(epollFD >= 0 && wakeFD >= 0, "epoll/eventfd unavailable: \(String(cString: strerror(errno)))")
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: wakeFD))
        epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
        let thread = Thread { [self] in
            // Set from the thread itself so the OS sees it too (Linux allows 15 characters).
            Thread.current.name = "pg-reactor"
            var loop = ReactorLoop(reactor: self)
            loop.run()
        }
        thread.start()
    }

    /// Sends one statement on `connection` from the calling thread, then lets the loop collect its result.
    func execute(_ connection: PostgresConnection, sql: String, binds: [PostgresBind]?, cancel: CancelFlag) async throws -> PostgresResult? {
        let fd = PQsocket(connection.handle)
        let owner = connection.serial
        return try await withUnsafeThrowingContinuation { continuation in
            let accepted = inbox.withLock { inbox -> Bool in
                guard !inbox.stopping else { return false }
                inbox.sending.insert(fd)
                if inbox.watched[fd] != owner {
                    watch(fd, writable: false, operation: EPOLL_CTL_ADD)
                    inbox.watched[fd] = owner
                }
                return true
            }
            guard accepted else {
                continuation.resume(throwing: PostgresError(code: .poolClosed, message: "the connection pool was closed"))
                return
            }
            do {
                if cancel.isSet { throw PostgresConnection.cancelledBeforeSending }
                try connection.send(sql: sql, binds: binds)
                let flush = PQflush(connection.handle)
                guard flush >= 0 else { throw connection.connectionError() }
                let mustWake = inbox.withLock { inbox -> Bool in
                    inbox.sending.remove(fd)
                    inbox.submissions.append(Submission(connection: connection, cancel: cancel, flushing: flush == 1, continuation: continuation))
                    // A complete statement's reply wakes the loop; a partial one needs it to watch for writability.
                    return flush == 1 && inbox.sleeping
                }
                if mustWake { wake() }
            } catch {
                inbox.withLock { _ = $0.sending.remove(fd) }
                continuation.resume(throwing: error)
            }
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let (accepted, mustWake) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.finished else { return (false, false) }
            inbox.jobs.append(job)
            return (true, inbox.sleeping)
        }
        if !accepted {
            globalConcurrentExecutor.enqueue(job)
        } else if mustWake {
            wake()
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

    /// Runs the jobs queued so far (not those they queue: the sockets are looked at in between).
    fileprivate func runJobs() {
        let jobs = inbox.withLock { inbox in
            defer { inbox.jobs = [] }
            return inbox.jobs
        }
        for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    /// Ends job intake once the loop is done; jobs that arrived meanwhile are handed on, not dropped.
    fileprivate func finishJobs() -> Bool {
        inbox.withLock { inbox in
            guard inbox.jobs.isEmpty else { return false }
            inbox.finished = true
            return true
        }
    }

    /// Waits for socket events; sleeps only if no submission is queued, so a busy loop needs no eventfd.
    fileprivate func wait(_ events: inout [epoll_event], timeoutMilliseconds: Int32) -> Int {
        let mayBlock = inbox.withLock { inbox -> Bool in
            inbox.sleeping = inbox.submissions.isEmpty && inbox.jobs.isEmpty && !inbox.stopping
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

    /// Input on a descriptor with no statement in flight: if no caller has claimed it meanwhile, it is an idle
    /// connection (e.g. the server closing it), so stop watching; the pool's health check discards it at its
    /// next checkout. Decided under the lock, so a caller starting a statement re-watches it.
    fileprivate func unwatchIfIdle(_ fd: Int32) {
        inbox.withLock { inbox in
            guard !inbox.isClaimed(fd) else { return }
            epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
            inbox.watched[fd] = nil
        }
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

    init(reactor: PostgresReactor) { self.reactor = reactor }

    mutating func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        while true {
            // Submissions first (those of the jobs just run, typically), so the wait below can block at once.
            let (submissions, stopping) = reactor.takeSubmissions()
            submissions.forEach { start($0) }
            let ready = reactor.wait(&events, timeoutMilliseconds: inFlight.isEmpty ? -1 : 50)
            for event in events.prefix(ready) where event.data.fd != reactor.wakeDescriptor {
                if inFlight[event.data.fd] != nil {
                    service(event.data.fd)
                } else {
                    reactor.unwatchIfIdle(event.data.fd)
                }
            }
            forwardCancellations()
            reactor.runJobs()
            if stopping && inFlight.isEmpty && reactor.finishJobs() { break }
        }
        reactor.closeDescriptors()
    }

    /// Takes over a connection whose statement the caller has sent. Its descriptor is watched level-triggered,
    /// so a reply that is already there shows up in the next wait: reading now would mostly cost a `recv` that
    /// finds nothing.
    mutating func start(_ submission: PostgresReactor.Submission) {
        let fd = PQsocket(submission.connection.handle)
        inFlight[fd] = InFlight(submission: submission, flushing: submission.flushing)
        if submission.flushing {
            reactor.watch(fd, writable: true, operation: EPOLL_CTL_MOD)
            service(fd)
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
