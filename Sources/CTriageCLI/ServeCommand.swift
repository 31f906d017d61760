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

    func run() async throws {
        let configuration = try options.load(extra: [("http.host", host), ("http.port", port.map(String.init))])
        try await Daemon(configuration: configuration, logger: ConfigurationOptions.logger(configuration)).run()
    }
}
