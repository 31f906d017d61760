import Foundation
import Triage

/// Where the routing rules come from: `--rules`, else `CTRIAGE_ROUTING_RULES`, else `Config/routing.yaml`.
enum RoutingRulesFile {
    struct ReadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func path(_ explicit: String?) -> String {
        explicit ?? ProcessInfo.processInfo.environment["CTRIAGE_ROUTING_RULES"] ?? "Config/routing.yaml"
    }

    static func text(_ explicit: String?) throws -> String {
        let path = path(explicit)
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ReadError(message: "cannot read routing rules at '\(path)': \(error.localizedDescription)")
        }
    }

    /// Read and validated once at start-up; an invalid file stops the daemon with the key named.
    static func load(_ explicit: String?) throws -> RoutingRules {
        try RoutingRules(yaml: try text(explicit))
    }
}
