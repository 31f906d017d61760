import Foundation
import Logging
import Server

/// The HTTP server of `ctriage serve` (same router, middleware and services) run inside the benchmark process
/// on a free port of the loopback address, for the benchmark's clients to drive.
struct BenchServer {
    let port: Int
    private let task: Task<Void, any Error>

    static func start(configuration: AppConfiguration, services: APIServices, logger: Logger) async throws -> BenchServer {
        var serverConfiguration = configuration
        serverConfiguration.http.host = "127.0.0.1"
        serverConfiguration.http.port = 0
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = CTriageServer.makeApplication(
            configuration: serverConfiguration, services: services, registry: MetricsBootstrap.registry, logger: logger,
            onServerRunning: { continuation.yield($0) })
        let task = Task {
            defer { continuation.finish() }
            try await app.runService()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw BenchmarkError(message: "the server did not start")
        }
        return BenchServer(port: port, task: task)
    }

    func stop() { task.cancel() }
}
