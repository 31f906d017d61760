import Foundation

/// Where and how a private PostgreSQL cluster runs.
public struct EmbeddedClusterOptions: Sendable, Equatable {
    public var dataDirectory: URL
    /// Holds the Unix socket; the server listens on no TCP address unless `listenAddresses` is set.
    public var socketDirectory: URL
    public var port: Int
    public var listenAddresses: String?
    public var superuser: String
    /// False for throwaway test clusters: fsync off (survives a server crash, not an OS crash).
    public var durable: Bool
    public var maxConnections: Int
    /// Server log (stdout and stderr of the server).
    public var logFile: URL
    /// Removed once the server has stopped because this process went away (throwaway clusters).
    public var removeWhenOrphaned: URL?
    public var startTimeout: Duration

    public init(
        dataDirectory: URL, socketDirectory: URL, port: Int = 5432, listenAddresses: String? = nil,
        superuser: String = "ctriage", durable: Bool = true, maxConnections: Int = 100, logFile: URL,
        removeWhenOrphaned: URL? = nil, startTimeout: Duration = .seconds(60)
    ) {
        self.dataDirectory = dataDirectory
        self.socketDirectory = socketDirectory
        self.port = port
        self.listenAddresses = listenAddresses
        self.superuser = superuser
        self.durable = durable
        self.maxConnections = maxConnections
        self.logFile = logFile
        self.removeWhenOrphaned = removeWhenOrphaned
        self.startTimeout = startTimeout
    }

    /// The layout `ctriage serve` uses under its state directory.
    public static func stateDirectory(_ state: URL) -> EmbeddedClusterOptions {
        EmbeddedClusterOptions(
            dataDirectory: state.appendingPathComponent("pgdata"),
            socketDirectory: state.appendingPathComponent("run"),
            logFile: state.appendingPathComponent("postgres.log"))
    }
}
