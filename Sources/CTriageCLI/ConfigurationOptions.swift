import ArgumentParser
import Foundation
import Logging
import Server

/// Flags shared by the commands that talk to the database; they override the file and the environment.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "Configuration file (default: Config/ctriage.yaml if present; env CTRIAGE_CONFIG).")
    var config: String?

    @Option(help: "State directory of the embedded PostgreSQL cluster.")
    var stateDir: String?

    @Option(help: "PostgreSQL URI or conninfo; empty uses the embedded cluster.")
    var databaseURL: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    func load(extra: [(String, String?)] = []) throws -> AppConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let explicitPath = config ?? environment["CTRIAGE_CONFIG"]
        let path = explicitPath ?? "Config/ctriage.yaml"
        var yaml: String?
        if FileManager.default.fileExists(atPath: path) {
            do {
                yaml = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError(code: .unreadableFile, message: "cannot read configuration file \(path): \(error.localizedDescription)")
            }
        } else if explicitPath != nil {
            throw ConfigurationError(code: .unreadableFile, message: "configuration file \(path) does not exist")
        }
        var configuration = try AppConfiguration.load(yaml: yaml, environment: environment)
        let flags: [(String, String?)] = [("state_dir", stateDir), ("database.url", databaseURL), ("log_level", logLevel)] + extra
        for case let (key, value?) in flags {
            try configuration.override(key, with: value)
        }
        return configuration
    }

    static func logger(_ configuration: AppConfiguration) -> Logger {
        LoggingBootstrap.once
        var logger = Logger(label: "ctriage")
        logger.logLevel = configuration.logLevel
        return logger
    }
}

enum LoggingBootstrap {
    /// Logs go to stderr so that commands printing JSON keep stdout clean.
    static let once: Void = LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
}
