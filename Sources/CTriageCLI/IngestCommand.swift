import ArgumentParser
import Foundation
import Postgres
import Server
import Store
import Triage

/// `ctriage ingest FILE... --clinic C --patient P`: the scripting door of ingest, the same `StudyIngest` path as
/// the HTTP upload and the inbox folder. One line per file on stdout, so scripts can parse the study ids.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest NIfTI studies of one patient into the database.",
        discussion: """
            Prints one line per file: "created <public-id> <file>", "existing <public-id> <file>" (the same bytes \
            were ingested before) or "rejected <file>: <reason>". Exits 1 if any file was not accepted.
            With the embedded database, stop `ctriage serve` first or pass --database-url.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "NIfTI files (.nii or .nii.gz).")
    var files: [String]

    @Option(help: "Clinic code the studies belong to.")
    var clinic: String

    @Option(help: "The clinic's pseudonymous patient id (never a name).")
    var patient: String

    @Option(help: "Care setting: outpatient or inpatient.")
    var setting: String = "outpatient"

    @Option(help: "Acquisition time, ISO 8601 (e.g. 2026-03-01T09:30:00Z).")
    var acquiredAt: String?

    @Option(help: "Routing rules file (default: $CTRIAGE_ROUTING_RULES, else Config/routing.yaml).")
    var rules: String?

    func validate() throws {
        guard IngestRequest.Setting(rawValue: setting) != nil else {
            throw ValidationError("--setting must be outpatient or inpatient")
        }
        if let acquiredAt, Self.parseDate(acquiredAt) == nil {
            throw ValidationError("--acquired-at must be an ISO 8601 date and time with zone, e.g. 2026-03-01T09:30:00Z")
        }
    }

    func run() async throws {
        let configuration = try options.load()
        let logger = ConfigurationOptions.logger(configuration)
        let router = TriageRouter(rules: try RoutingRulesFile.load(rules))
        let accepted = try await DatabaseBootstrap.withMigratedPool(configuration, logger: logger) { pool in
            await ingestAll(StudyIngest(pool: pool, router: router))
        }
        if !accepted { throw ExitCode.failure }
    }

    /// True when every file was created or already there.
    func ingestAll(_ ingest: StudyIngest) async -> Bool {
        let setting = IngestRequest.Setting(rawValue: setting) ?? .outpatient
        let acquired = acquiredAt.flatMap(Self.parseDate)
        var accepted = true
        for file in files {
            do {
                let bytes = try StudyFiles.readBytes(file)
                let result = try await ingest.ingest(IngestRequest(
                    bytes: bytes, clinicCode: clinic, patientPseudonym: patient, setting: setting, acquiredAt: acquired,
                    actor: "cli"))
                print("\(result.created ? "created" : "existing") \(result.publicID.uuidString.lowercased()) \(file)")
            } catch let error as IngestError {
                accepted = false
                print("rejected \(file): \(error.message)")
            } catch {
                accepted = false
                print("rejected \(file): \(error)")
            }
        }
        return accepted
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
