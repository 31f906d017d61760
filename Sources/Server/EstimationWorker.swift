import Estimator
import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Store
import VolumeIO

/// Takes estimation jobs from the queue, runs the estimator on the study's volume and stores the result —
/// estimate, study status, new route and queue tier, audit event — in one transaction fenced by the job's
/// attempt, so a job rescued from a dead worker is recorded once. Woken by NOTIFY, polling as a fallback.
public struct EstimationWorker: Service {
    public static let estimatorVersion = "classical-hu-0.1"

    let pool: PostgresPool
    let queue: JobQueue
    let routing: StudyRouting
    let estimator: LungEstimator
    let wakeups: AsyncStream<PostgresNotification>?
    let name: String
    let lease: Duration
    let pollInterval: Duration
    let logger: Logger

    public init(
        pool: PostgresPool, routing: StudyRouting, estimator: LungEstimator = LungEstimator(),
        wakeups: AsyncStream<PostgresNotification>?, name: String, lease: Duration = .seconds(60),
        pollInterval: Duration = .seconds(2), logger: Logger
    ) {
        self.pool = pool
        queue = JobQueue(pool: pool)
        self.routing = routing
        self.estimator = estimator
        self.wakeups = wakeups
        self.name = name
        self.lease = lease
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func run() async throws {
        let wake = WakeSignal()
        await withTaskGroup(of: Void.self) { group in
            if let wakeups {
                group.addTask {
                    for await _ in wakeups { wake.signal() }
                }
            }
            await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        if let job = try await queue.claim(owner: name, lease: lease) {
                            await process(job)
                            continue
                        }
                    } catch {
                        logger.warning("cannot claim estimation jobs", metadata: ["error": "\(error)"])
                    }
                    await wake.wait(timeout: pollInterval)
                }
            }
            group.cancelAll()
        }
    }
}
