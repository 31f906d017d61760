import Hummingbird

extension CTriageServer {
    /// The routes of the HTML pages alone: the OpenAPI test leaves them out of the JSON API it checks.
    public static func webRoutes(services: APIServices) -> [Router<AppRequestContext>.RouteDescription] {
        let router = Router(context: AppRequestContext.self)
        WebController(services: services).register(with: router)
        return router.routes
    }
}
