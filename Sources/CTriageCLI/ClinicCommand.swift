import ArgumentParser
import Server
import Store

struct ClinicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clinic", abstract: "Manage clinics.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a clinic.")

        @OptionGroup var options: ConfigurationOptions

        @Option(help: "Short code used in uploads and file names: letters, digits, '_', '-'.")
        var code: String

        @Option(help: "Display name.")
        var name: String

        func run() async throws {
            let configuration = try options.load()
            let logger = ConfigurationOptions.logger(configuration)
            let clinic = try await DatabaseBootstrap.withMigratedPool(configuration, logger: logger) { pool in
                try await Accounts(pool: pool).addClinic(code: code, name: name, actor: .system("cli"))
            }
            print("added clinic \(clinic.code) (\(clinic.name))")
        }
    }
}
