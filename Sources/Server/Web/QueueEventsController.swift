import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import Store

/// Live updates for the worklist page as Server-Sent Events: the stream polls the queue's version (a cheap
/// query) and sends `queue` whenever it changes. Polling keeps this independent of which daemon made the change.
/// A stream ends after `streamSeconds` (the browser reconnects by itself) and at the next poll once the daemon
/// shuts down, so an open page never holds up a graceful shutdown.
struct QueueEventsController {
    let services: APIServices
    var pollInterval: Duration = .seconds(2)
    var streamSeconds = 60

    func register(with router: Router<AppRequestContext>) {
        router.get("events", use: events)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal, [Role.radiologist, .admin].contains(principal.role) else {
            return Response(status: .unauthorized)
        }
        let worklist = services.worklist
        let interval = pollInterval
        let deadline = ContinuousClock.now.advanced(by: .seconds(streamSeconds))
        let body = ResponseBody { writer in
            var last = try await worklist.version()
            try await writer.write(ByteBuffer(string: Self.event("hello", data: last, retry: 2000)))
            while ContinuousClock.now < deadline, !Task.isCancelled, !Task.isShuttingDownGracefully {
                try await Task.sleep(for: interval)
                let version = try await worklist.version()
                if version != last {
                    last = version
                    try await writer.write(ByteBuffer(string: Self.event("queue", data: version)))
                } else {
                    // A comment line keeps proxies from closing an idle stream and reveals a gone client.
                    try await writer.write(ByteBuffer(string: ": idle\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: body)
    }

    static func event(_ name: String, data: String, retry: Int? = nil) -> String {
        (retry.map { "retry: \($0)\n" } ?? "") + "event: \(name)\ndata: \(data)\n\n"
    }
}
