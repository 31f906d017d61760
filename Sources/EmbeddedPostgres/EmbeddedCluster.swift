import CLibPQ
import Foundation
import Logging
import NIOPosix
import Synchronization

/// A private PostgreSQL cluster owned by this process: `initdb` on first use, `postgres` started as a
/// supervised child (never through `pg_ctl`), stopped on `stop()`, and stopped by its supervisor if this
/// process dies, so no server outlives us.
public final class EmbeddedCluster: Sendable {
    public let options: EmbeddedClusterOptions
    let binaries: PostgresBinaries
    let user: ServiceUser
    let logger: Logger
    let supervisor = Mutex<Process?>(nil)

    public init(options: EmbeddedClusterOptions, logger: Logger) throws {
        self.options = options
        self.logger = logger
        binaries = try PostgresBinaries.locate()
        user = try ServiceUser.current()
        let socketPath = options.socketDirectory.appendingPathComponent(".s.PGSQL.\(options.port)").path
        guard socketPath.utf8.count < 100 else {
            throw EmbeddedPostgresError(
                code: .socketPathTooLong,
                message: "the socket path \(socketPath) is longer than Unix sockets allow; choose a shorter state directory")
        }
    }

    /// libpq connection string for a database of this cluster (Unix socket, superuser, trust auth).
    public func connectionString(database: String = "postgres") -> String {
        "host=\(options.socketDirectory.path) port=\(options.port) user=\(options.superuser) dbname=\(database)"
    }

    public var isRunning: Bool { supervisor.withLock { $0?.isRunning ?? false } }

    /// Creates the cluster if needed, starts the server and waits until it accepts connections.
    public func start() async throws {
        if isRunning { return }
        try prepareDirectories()
        if !FileManager.default.fileExists(atPath: options.dataDirectory.appendingPathComponent("PG_VERSION").path) {
            try initialize()
        }
        try await recoverStaleLock()
        try launch()
        try await waitUntilReady()
        logger.info("embedded PostgreSQL ready", metadata: ["socket_dir": "\(options.socketDirectory.path)"])
    }

    private func prepareDirectories() throws {
        if let root = options.removeWhenOrphaned { try user.prepareDirectory(root) }
        try user.prepareDirectory(options.dataDirectory)
        try user.prepareDirectory(options.socketDirectory)
        try FileManager.default.createDirectory(at: options.logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    }

    private func initialize() throws {
        logger.info("initialising a new PostgreSQL cluster", metadata: ["data_dir": "\(options.dataDirectory.path)"])
        let (executable, arguments) = user.command([
            binaries.initdb.path, "-D", options.dataDirectory.path, "-U", options.superuser, "--auth=trust",
            "-E", "UTF8", "--no-locale", "--no-instructions",
        ])
        let log = options.logFile.deletingLastPathComponent().appendingPathComponent("initdb.log")
        let status = try ChildProcess.run(executable, arguments, environment: user.environment, log: log)
        guard status == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw EmbeddedPostgresError(code: .initdbFailed, message: "initdb exited with \(status): \(output.suffix(2000))")
        }
    }

    /// A `postmaster.pid` left by a crash names a process that is gone: remove it (and the socket lock).
    /// One that names a live postgres means another server uses this cluster: give its supervisor a moment
    /// to stop it (it does when its owner died), then refuse.
    private func recoverStaleLock() async throws {
        let pidFile = options.dataDirectory.appendingPathComponent("postmaster.pid")
        for _ in 0..<40 {
            guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
                let pid = Int32(text.split(separator: "\n").first ?? "")
            else { return }
            guard Self.isPostgresProcess(pid) else {
                logger.warning("removing a stale postmaster.pid left by a crash", metadata: ["pid": "\(pid)"])
                try? FileManager.default.removeItem(at: pidFile)
                try? FileManager.default.removeItem(at: options.socketDirectory.appendingPathComponent(".s.PGSQL.\(options.port).lock"))
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw EmbeddedPostgresError(
            code: .clusterInUse, message: "another PostgreSQL server is running on \(options.dataDirectory.path)")
    }

    static func isPostgresProcess(_ pid: Int32) -> Bool {
        guard pid > 0, let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        return String(decoding: cmdline, as: UTF8.self).contains("postgres")
    }
}
