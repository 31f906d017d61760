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
}
