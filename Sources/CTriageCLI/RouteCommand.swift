import ArgumentParser
import Foundation
import Triage

/// `ctriage route`: routes one patient from a CT category and vitals with the rules file, printing the
/// decision and its trace. All logic lives in the Triage module; this only parses, reads and prints.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route one patient by CT category and vitals (MosMedData Table 2).",
        discussion: """
            Rules come from --rules, else $CTRIAGE_ROUTING_RULES, else Config/routing.yaml in the current \
            directory. Invalid input exits non-zero with one 'error: …' line on stderr.
            """
    )

    // Options are read as text so every bad value is reported as one `error:` line naming the field.
    @Option(name: .long, help: "CT category, CT-0 … CT-4.")
    var ct: String?

    @Option(name: .long, help: "Temperature, °C.")
    var temp: String?

    @Option(name: .long, help: "Respiratory rate, /min.")
    var rr: String?

    @Option(name: .long, help: "SpO2, %.")
    var spo2: String?

    @Option(name: .long, help: "PaO2/FiO2, mmHg.")
    var pf: String?

    @Flag(name: .long, help: "Signs of shock.")
    var shock = false

    @Flag(name: .long, help: "Multiple organ failure.")
    var organFailure = false

    @Flag(name: .long, help: "Respiratory failure.")
    var respiratoryFailure = false

    @Flag(name: .long, help: "Typical clinical manifestations with relevant epidemiological history.")
    var typicalClinic = false

    @Option(name: .long, help: "outpatient or inpatient.")
    var setting = "outpatient"

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @Option(name: .long, help: "Routing rules YAML file.")
    var rules: String?

    func run() throws {
        do {
            let router = TriageRouter(rules: try RoutingRules(yaml: try RoutingRulesFile.text(rules)))
            guard let ct else { throw TriageError(code: .unknownCategory, subject: "ct", message: "--ct is required (CT-0 … CT-4)") }
            let input = TriageInput(
                category: try CTCategory(label: ct),
                vitals: Vitals(
                    temperature: try Self.number(temp, field: "temperature"),
                    respiratoryRate: try Self.number(rr, field: "respiratory_rate"),
                    spo2: try Self.number(spo2, field: "spo2"),
                    pfRatio: try Self.number(pf, field: "pao2_fio2"),
                    shock: shock,
                    multipleOrganFailure: organFailure,
                    respiratoryFailure: respiratoryFailure,
                    typicalClinic: typicalClinic
                ),
                setting: try CareSetting(name: setting)
            )
            let decision = try router.route(input)
            print(json ? decision.jsonText() : decision.plainText())
        } catch let error as TriageError {
            Self.reportError(error.message)
            throw ExitCode.failure
        } catch let error as RoutingRulesFile.ReadError {
            Self.reportError(error.message)
            throw ExitCode.failure
        }
    }

    private static func number(_ text: String?, field: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw TriageError(code: .vitalOutOfRange, subject: field, message: "\(field) '\(text)' is not a number")
        }
        return value
    }

    private static func reportError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message.replacingOccurrences(of: "\n", with: " "))\n".utf8))
    }
}
