import Logging
import ServiceLifecycle

/// Keeps an already-started cluster under ServiceLifecycle: stops it on graceful shutdown (list it first in
/// the ServiceGroup so it stops last), and fails the group if the server dies underneath us.
public struct EmbeddedClusterService: Service {
    let cluster: EmbeddedCluster

    public init(cluster: EmbeddedCluster) { self.cluster = cluster }

    public func run() async throws {
        let diedUnexpectedly = await cancelWhenGracefulShutdown { () -> Bool in
            while !Task.isCancelled {
                if !cluster.isRunning { return true }
                try? await Task.sleep(for: .milliseconds(250))
            }
            return false
        }
        if diedUnexpectedly {
            throw EmbeddedPostgresError(code: .stoppedUnexpectedly, message: "the embedded PostgreSQL server exited: \(cluster.logTail())")
        }
        await cluster.stop()
    }
}
