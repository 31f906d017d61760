import Foundation
import Logging
import Yams

extension AppConfiguration {
    /// One setting: its key in the YAML file, the environment variables that override it, and how to apply
    /// a textual value.
    struct Setting: Sendable {
        var key: String
        var environment: [String]
        var apply: @Sendable (inout AppConfiguration, String) throws -> Void
    }

    static let settings: [Setting] = [
        Setting(key: "http.host", environment: ["CTRIAGE_HTTP_HOST"]) { $0.http.host = try nonEmpty($1, "http.host") },
        Setting(key: "http.port", environment: ["CTRIAGE_HTTP_PORT"]) { $0.http.port = try integer($1, "http.port", 0...65535) },
        Setting(key: "database.url", environment: ["CTRIAGE_DATABASE_URL", "DATABASE_URL"]) { $0.database.url = $1 },
        Setting(key: "database.pool_size", environment: ["CTRIAGE_DB_POOL_SIZE"]) {
            $0.database.poolSize = try integer($1, "database.pool_size", 1...500)
        },
        Setting(key: "database.checkout_timeout_seconds", environment: ["CTRIAGE_DB_CHECKOUT_TIMEOUT_SECONDS"]) {
            $0.database.checkoutTimeoutSeconds = try seconds($1, "database.checkout_timeout_seconds")
        },
        Setting(key: "database.statement_timeout_seconds", environment: ["CTRIAGE_DB_STATEMENT_TIMEOUT_SECONDS"]) {
            $0.database.statementTimeoutSeconds = try seconds($1, "database.statement_timeout_seconds")
        },
        Setting(key: "database.embedded_name", environment: ["CTRIAGE_DB_EMBEDDED_NAME"]) {
            guard !$1.isEmpty, $1.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
                throw invalid("database.embedded_name", $1, "use lowercase letters, digits and _")
            }
            $0.database.embeddedName = $1
        },
        Setting(key: "estimation.workers", environment: ["CTRIAGE_ESTIMATION_WORKERS"]) {
            $0.estimation.workers = try integer($1, "estimation.workers", 0...64)
        },
        Setting(key: "estimation.lease_seconds", environment: ["CTRIAGE_ESTIMATION_LEASE_SECONDS"]) {
            $0.estimation.leaseSeconds = try seconds($1, "estimation.lease_seconds")
        },
        Setting(key: "estimation.poll_seconds", environment: ["CTRIAGE_ESTIMATION_POLL_SECONDS"]) {
            $0.estimation.pollSeconds = try seconds($1, "estimation.poll_seconds")
        },
        Setting(key: "worklist.lease_seconds", environment: ["CTRIAGE_WORKLIST_LEASE_SECONDS"]) {
            $0.worklist.leaseSeconds = try integer($1, "worklist.lease_seconds", 30...86400)
        },
        Setting(key: "worklist.session_hours", environment: ["CTRIAGE_WORKLIST_SESSION_HOURS"]) {
            $0.worklist.sessionHours = try integer($1, "worklist.session_hours", 1...168)
        },
        Setting(key: "ingest.max_upload_bytes", environment: ["CTRIAGE_INGEST_MAX_UPLOAD_BYTES"]) {
            $0.ingest.maxUploadBytes = try integer($1, "ingest.max_upload_bytes", 1024...(4 << 30))
        },
        Setting(key: "inbox.dir", environment: ["CTRIAGE_INBOX_DIR"]) { $0.inbox.dir = $1 },
        Setting(key: "inbox.poll_seconds", environment: ["CTRIAGE_INBOX_POLL_SECONDS"]) {
            $0.inbox.pollSeconds = try seconds($1, "inbox.poll_seconds")
        },
        Setting(key: "inbox.clinic", environment: ["CTRIAGE_INBOX_CLINIC"]) { $0.inbox.clinic = $1 },
        Setting(key: "dicom.stable_seconds", environment: ["CTRIAGE_DICOM_STABLE_SECONDS"]) {
            $0.dicom.stableSeconds = try seconds($1, "dicom.stable_seconds")
        },
        Setting(key: "dicom.poll_seconds", environment: ["CTRIAGE_DICOM_POLL_SECONDS"]) {
            $0.dicom.pollSeconds = try seconds($1, "dicom.poll_seconds")
        },
        Setting(key: "dicom.default_clinic", environment: ["CTRIAGE_DICOM_DEFAULT_CLINIC"]) { $0.dicom.defaultClinic = $1 },
        Setting(key: "state_dir", environment: ["CTRIAGE_STATE_DIR"]) { $0.stateDirectory = try nonEmpty($1, "state_dir") },
        Setting(key: "migrations_dir", environment: ["CTRIAGE_MIGRATIONS_DIR"]) { $0.migrationsDirectory = try nonEmpty($1, "migrations_dir") },
        Setting(key: "log_level", environment: ["CTRIAGE_LOG_LEVEL"]) {
            guard let level = Logger.Level(rawValue: $1.lowercased()) else {
                throw invalid("log_level", $1, "use trace, debug, info, notice, warning, error or critical")
            }
            $0.logLevel = level
        },
    ]

    /// Built-in defaults, then the YAML file (when `yaml` is given), then the environment.
    public static func load(yaml: String?, environment: [String: String]) throws -> AppConfiguration {
        var configuration = AppConfiguration()
        if let yaml {
            let values = try flatten(yaml)
            let known = Set(settings.map(\.key))
            if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
                throw ConfigurationError(code: .unknownKey, message: "unknown configuration key \"\(unknown)\"")
            }
            for setting in settings {
                if let value = values[setting.key] { try setting.apply(&configuration, value) }
            }
        }
        for setting in settings {
            if let name = setting.environment.first(where: { environment[$0] != nil }), let value = environment[name] {
                do {
                    try setting.apply(&configuration, value)
                } catch let error as ConfigurationError {
                    throw ConfigurationError(code: error.code, message: "\(name): \(error.message)")
                }
            }
        }
        return configuration
    }

    /// Applies a command-line flag's value to the setting `key`.
    public mutating func override(_ key: String, with value: String) throws {
        guard let setting = Self.settings.first(where: { $0.key == key }) else {
            throw ConfigurationError(code: .unknownKey, message: "unknown configuration key \"\(key)\"")
        }
        try setting.apply(&self, value)
    }

    /// Nested YAML mappings → dotted keys with scalar text values.
    static func flatten(_ yaml: String) throws -> [String: String] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationError(code: .invalidYAML, message: "configuration file is not valid YAML: \(error)")
        }
        var result: [String: String] = [:]
        func walk(_ node: Node, _ prefix: String) throws {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard let name = key.string else {
                        throw ConfigurationError(code: .invalidYAML, message: "non-text key under \"\(prefix)\"")
                    }
                    try walk(value, prefix.isEmpty ? name : "\(prefix).\(name)")
                }
            case .scalar(let scalar):
                result[prefix] = scalar.string
            default:
                throw ConfigurationError(code: .invalidValue, message: "\"\(prefix)\" must be a single value")
            }
        }
        if let root { try walk(root, "") }
        return result
    }

    static func invalid(_ key: String, _ value: String, _ hint: String) -> ConfigurationError {
        ConfigurationError(code: .invalidValue, message: "invalid value \"\(value)\" for \(key): \(hint)")
    }

    static func nonEmpty(_ value: String, _ key: String) throws -> String {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid(key, value, "must not be empty") }
        return value
    }

    static func integer(_ value: String, _ key: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let number = Int(value.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw invalid(key, value, "expected a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    static func seconds(_ value: String, _ key: String) throws -> Double {
        guard let number = Double(value.trimmingCharacters(in: .whitespaces)), number > 0, number <= 86_400 else {
            throw invalid(key, value, "expected seconds, more than 0 and at most 86400")
        }
        return number
    }
}
