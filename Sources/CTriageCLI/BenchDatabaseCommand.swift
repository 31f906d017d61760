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

    @Flag(help: "Measure only client tasks on the pool's executor (e.g. to profile that path alone).")
    var poolExecutorOnly = false

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
        print("default: client tasks on Swift's default executor; pool_executor: on the pool's reactor thread")
        print("clients  default_rps  pool_executor_rps  pgbench_tps  ratio_default  ratio_pool_executor")
        do {
            for count in counts {
                let ours = poolExecutorOnly ? .nan : try await benchmark.ctriageRate(clients: count, onPoolExecutor: false)
                let onPool = try await benchmark.ctriageRate(clients: count, onPoolExecutor: true)
                let theirs = try benchmark.pgbenchRate(clients: count, expectedRate: poolExecutorOnly ? onPool : max(ours, onPool))
                print(String(format: "%7d  %11.0f  %17.0f  %11.0f  %13.2f  %19.2f", count, ours, onPool, theirs, ours / theirs, onPool / theirs))
            }
        } catch {
            await database.cluster?.stop()
            throw error
        }
        await database.cluster?.stop()
    }
}
