import Hummingbird

/// The browser side of the daemon (issue #7): pages for radiologists, clinic staff and administrators over
/// the same store code as the JSON API.
struct WebController {
    let services: APIServices

    func register(with router: Router<AppRequestContext>) {
        // The templates are constants of this build; failing to compile one is a programming error.
        let pages = try! WebPages()
        WebAssets().register(with: router)
        LoginPageController(services: services, pages: pages).register(with: router)
        WorklistPageController(services: services, pages: pages).register(with: router)
        QueueEventsController(services: services).register(with: router)
        StudyPageController(services: services, pages: pages).register(with: router)
        ClinicPageController(services: services, pages: pages).register(with: router)
        AdminPageController(services: services, pages: pages).register(with: router)
    }
}
