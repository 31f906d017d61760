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
        print("default: client tasks on Swift's default executor; pool executor: on the pool's reactor thread")
        print("rates in statements/s; ratio = ours / pgbench; cpu = client process CPU µs per statement (user + system)")
        print("clients  default  pool_executor  pgbench  ratio_default  ratio_pool_executor  cpu_default  cpu_pool_executor  cpu_pgbench")
        do {
            for count in counts {
                let ours = poolExecutorOnly ? nil : try await benchmark.ctriageRate(clients: count, onPoolExecutor: false)
                let onPool = try await benchmark.ctriageRate(clients: count, onPoolExecutor: true)
                let theirs = try benchmark.pgbenchRate(clients: count, expectedRate: max(ours?.rate ?? 0, onPool.rate))
                print(String(
                    format: "%7d  %7.0f  %13.0f  %7.0f  %13.2f  %19.2f  %11.1f  %17.1f  %11.1f",
                    count, ours?.rate ?? .nan, onPool.rate, theirs.rate, (ours?.rate ?? .nan) / theirs.rate, onPool.rate / theirs.rate,
                    (ours?.cpuSecondsPerStatement ?? .nan) * 1e6, onPool.cpuSecondsPerStatement * 1e6, theirs.cpuSecondsPerStatement * 1e6))
            }
        } catch {
            await database.cluster?.stop()
            throw error
        }
        await database.cluster?.stop()
    }
}
