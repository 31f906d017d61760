import ArgumentParser
import Server
import Store

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; prints their new API token on the last line (shown once, stored only as a digest).")

        @OptionGroup var options: ConfigurationOptions

        @Option(help: "Login name: letters, digits, '.', '_', '@', '-'.")
        var name: String

        @Option(help: "radiologist, clinic_staff or admin.")
        var role: String

        @Option(help: "Clinic code (clinic staff only).")
        var clinic: String?

        @Option(help: "Password for browser login (8–72 characters); without it the user has an API token only.")
        var password: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be radiologist, clinic_staff or admin")
            }
            let configuration = try options.load()
            let logger = ConfigurationOptions.logger(configuration)
            let (user, token) = try await DatabaseBootstrap.withMigratedPool(configuration, logger: logger) { pool in
                try await Accounts(pool: pool).addUser(
                    name: name, role: role, clinicCode: clinic, password: password, actor: .system("cli"))
            }
            print("added \(user.role.rawValue) \(user.name)\(user.clinicCode.map { " of clinic \($0)" } ?? "")")
            print(token)
        }
    }
}
