import ArgumentParser
import Server

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: database (embedded unless DATABASE_URL), migrations, HTTP server.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Address to bind the HTTP server to.")
    var host: String?

    @Option(help: "HTTP port (0 picks a free one).")
    var port: Int?

    @Option(help: "Routing rules file (default: $CTRIAGE_ROUTING_RULES, else Config/routing.yaml).")
    var rules: String?

    @Flag(help: "Seed demo clinics, users (credentials are logged) and phantom studies on first start.")
    var demo = false

    func run() async throws {
        let configuration = try options.load(extra: [("http.host", host), ("http.port", port.map(String.init))])
        let routingRules = try RoutingRulesFile.load(rules)
        try await Daemon(configuration: configuration, routingRules: routingRules, logger: ConfigurationOptions.logger(configuration), demo: demo).run()
    }
}
