import Hummingbird
import Logging
import Postgres
import Prometheus
import Store

/// Builds the HTTP application: middleware and routes over a database pool.
public enum CTriageServer {
    public static let version = "0.1.0"

    public static func makeRouter(services: APIServices, registry: PrometheusCollectorRegistry) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: AuthMiddleware(accounts: services.accounts))
        HealthController(pool: services.pool).register(with: router)
        MetricsController(registry: registry, pool: services.pool).register(with: router)
        OpenAPIController().register(with: router)
        SessionController(services: services).register(with: router)
        StudiesController(services: services).register(with: router)
        WorklistController(services: services).register(with: router)
        AdminController(services: services).register(with: router)
        StatsController(services: services).register(with: router)
        DICOMWebController(services: services).register(with: router)
        WebController(services: services).register(with: router)
        return router
    }

    public static func makeApplication(
        configuration: AppConfiguration, services: APIServices, registry: PrometheusCollectorRegistry, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(services: services, registry: registry),
            configuration: .init(address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "ctriage"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.http.port) },
            logger: logger)
    }
}
