import ArgumentParser

@main
struct CTriage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctriage",
        abstract: "Triage and worklist server for outpatient chest-CT centres.",
        version: CTriageVersion.current,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, IngestCommand.self, InspectCommand.self, RouteCommand.self, SynthCommand.self,
            EstimateCommand.self, EvaluateCommand.self, BenchCommand.self, UserCommand.self, ClinicCommand.self,
        ]
    )

    /// ArgumentParser's own entry point, after the allocator policy is set (before any thread starts).
    static func main() async {
        AllocatorPolicy.returnLargeBlocksWhenFreed()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
