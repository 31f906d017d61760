import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (release build recommended): figures for BENCHMARKS.md.",
        subcommands: [BenchDatabaseCommand.self, BenchLoadCommand.self, BenchNiftiCommand.self, BenchWorklistCommand.self])
}
