import HTTPTypes
import Hummingbird
import Logging

/// One structured log line per request with its id, method, path (never the query string, which may carry
/// identifiers), status and duration; echoes the request id as `X-Request-ID`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Request-ID")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var metadata: Logger.Metadata = ["method": "\(request.method)", "path": "\(request.uri.path)"]
        do {
            var response = try await next(request, context)
            response.headers[Self.requestIDHeader] = context.id
            metadata["status"] = "\(response.status.code)"
            metadata["duration_ms"] = "\(Self.milliseconds(since: started))"
            context.logger.info("request", metadata: metadata)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metadata["status"] = "\(status)"
            metadata["duration_ms"] = "\(Self.milliseconds(since: started))"
            context.logger.info("request", metadata: metadata)
            if var apiError = error as? APIError {
                apiError.headers[Self.requestIDHeader] = context.id
                throw apiError
            }
            throw error
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        let (seconds, attoseconds) = elapsed.components
        return (Double(seconds) * 1000 + Double(attoseconds) / 1e15).rounded(toPlaces: 3)
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
