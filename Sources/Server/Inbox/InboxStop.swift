import Synchronization

/// A graceful-shutdown request seen by the watcher between files, which also cuts short its wait between scans.
final class InboxStop: Sendable {
    private let requested = Atomic<Bool>(false)
    private let wake = WakeSignal()

    var isRequested: Bool { requested.load(ordering: .acquiring) }

    func request() {
        requested.store(true, ordering: .releasing)
        wake.signal()
    }

    func wait(timeout: Duration) async {
        await wake.wait(timeout: timeout)
    }
}
