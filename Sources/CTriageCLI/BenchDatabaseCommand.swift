import ArgumentParser
import Foundation
import Postgres
import Server

struct BenchDatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Round trips/s of a parameterized single-row SELECT through the pool vs pgbench, same statement, same run.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Comma-separated concurrent client counts.")
    var clients = "1,8,32"

    @Option(help: "Seconds per measurement.")
    var seconds = 5

    func run() async throws {
        let counts = clients.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 && $0 <= 200 }) else {
            throw ValidationError("--clients must list counts between 1 and 200, e.g. 1,8,32")
        }
        var configuration = try options.load()
        configuration.logLevel = .warning
        let logger = ConfigurationOptions.logger(configuration)
        let database = try await DatabaseBootstrap.start(configuration, logger: logger)
        let benchmark = DatabaseBenchmark(base: database.postgres, seconds: seconds, logger: logger)
        print("statement: SELECT $1::int  (extended protocol, one parameter)   duration: \(seconds) s each")
        print("clients  ctriage_rps  pgbench_tps  ratio")
        do {
            for count in counts {
                let ours = try await benchmark.ctriageRate(clients: count)
                let theirs = try benchmark.pgbenchRate(clients: count, expectedRate: ours)
                print(String(format: "%7d  %11.0f  %11.0f  %5.2f", count, ours, theirs, ours / theirs))
            }
        } catch {
            await database.cluster?.stop()
            throw error
        }
        await database.cluster?.stop()
    }
}
