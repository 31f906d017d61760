import Hummingbird
import Logging
import Postgres
import Prometheus

/// Builds the HTTP application: middleware and routes over a database pool.
public enum CTriageServer {
    public static let version = "0.1.0"

    public static func makeRouter(pool: PostgresPool, registry: PrometheusCollectorRegistry) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        HealthController(pool: pool).register(with: router)
        MetricsController(registry: registry, pool: pool).register(with: router)
        return router
    }

    public static func makeApplication(
        configuration: AppConfiguration, pool: PostgresPool, registry: PrometheusCollectorRegistry, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(pool: pool, registry: registry),
            configuration: .init(address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "ctriage"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.http.port) },
            logger: logger)
    }
}
