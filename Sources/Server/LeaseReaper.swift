import Logging
import ServiceLifecycle
import Store

/// Returns estimation jobs whose worker stopped renewing its lease (crashed, killed, hung) to the queue.
public struct LeaseReaper: Service {
    let queue: JobQueue
    let interval: Duration
    let logger: Logger

    public init(queue: JobQueue, interval: Duration, logger: Logger) {
        self.queue = queue
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let reaped = try await queue.reapExpiredLeases()
                    if reaped > 0 { logger.warning("returned jobs with expired leases to the queue", metadata: ["jobs": "\(reaped)"]) }
                } catch {
                    logger.warning("lease reaper could not run", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
