import ArgumentParser
import Postgres
import Server

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations and exit.")

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try options.load()
        let logger = ConfigurationOptions.logger(configuration)
        let database = try await DatabaseBootstrap.start(configuration, logger: logger)
        let pool = PostgresPool(configuration: database.postgres, logger: logger)
        do {
            let directory = try DatabaseBootstrap.migrationsDirectory(configuration.migrationsDirectory)
            let applied = try await DatabaseBootstrap.migrate(pool: pool, directory: directory, logger: logger)
            print(applied.isEmpty ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        } catch {
            await pool.close()
            await database.cluster?.stop()
            throw error
        }
        await pool.close()
        await database.cluster?.stop()
    }
}
