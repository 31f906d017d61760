import CLibPQ
import Foundation
import NIOPosix

extension EmbeddedCluster {
    /// Runs the server under a small shell supervisor that forwards our stop request and, if this process
    /// disappears without stopping it, shuts the server down itself (and removes a throwaway cluster).
    static let supervisorScript = """
        parent=$1; cleanup=$2; shift 2
        "$@" &
        child=$!
        trap 'kill -INT "$child" 2>/dev/null' INT TERM
        while [ -d "/proc/$parent" ] && kill -0 "$child" 2>/dev/null; do sleep 0.5; done
        orphaned=0
        if [ ! -d "/proc/$parent" ]; then orphaned=1; kill -INT "$child" 2>/dev/null; fi
        wait "$child"; status=$?
        while kill -0 "$child" 2>/dev/null; do sleep 0.2; done
        if [ "$orphaned" = 1 ] && [ -n "$cleanup" ]; then rm -rf "$cleanup"; fi
        exit $status
        """

    func launch() throws {
        var serverArguments = [
            binaries.postgres.path, "-D", options.dataDirectory.path, "-k", options.socketDirectory.path,
            "-p", "\(options.port)", "-c", "listen_addresses=\(options.listenAddresses ?? "")",
            "-c", "max_connections=\(options.maxConnections)", "-c", "unix_socket_permissions=0700",
        ]
        if !options.durable {
            // Only fsync off: a crash of the server (as the restart tests cause) loses nothing, an OS crash may.
            serverArguments += ["-c", "fsync=off", "-c", "full_page_writes=off"]
        }
        let (executable, arguments) = user.command(
            ["/bin/sh", "-c", Self.supervisorScript, "ctriage-pg-supervisor", "\(getpid())", options.removeWhenOrphaned?.path ?? ""]
                + serverArguments)
        if !FileManager.default.fileExists(atPath: options.logFile.path) {
            _ = FileManager.default.createFile(atPath: options.logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: options.logFile)
        try log.seekToEnd()
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = user.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        supervisor.withLock { $0 = process }
    }

    func waitUntilReady() async throws {
        let deadline = ContinuousClock.now.advanced(by: options.startTimeout)
        let conninfo = connectionString() + " connect_timeout=2"
        while ContinuousClock.now < deadline {
            guard isRunning else {
                throw EmbeddedPostgresError(code: .startFailed, message: "postgres exited during start-up: \(logTail())")
            }
            let ping = try await NIOThreadPool.singleton.runIfActive { PQping(conninfo) }
            if ping == PQPING_OK { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EmbeddedPostgresError(code: .startFailed, message: "postgres did not accept connections within \(options.startTimeout): \(logTail())")
    }

    func logTail() -> String {
        let text = (try? String(contentsOf: options.logFile, encoding: .utf8)) ?? ""
        return String(text.suffix(1500))
    }

    /// Stops the server: fast shutdown (disconnect clients, checkpoint) or immediate (like a crash; the next
    /// start replays the WAL). Waits up to `timeout`, then kills it.
    public func stop(immediate: Bool = false, timeout: Duration = .seconds(8)) async {
        guard let process = supervisor.withLock({ $0 }), process.isRunning else { return }
        let signal = immediate ? SIGQUIT : SIGINT
        if let pid = serverPID() { kill(pid, signal) } else { process.interrupt() }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            logger.warning("PostgreSQL did not stop in time; killing it")
            if let pid = serverPID() { kill(pid, SIGKILL) }
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        }
        supervisor.withLock { $0 = nil }
        logger.info("embedded PostgreSQL stopped", metadata: ["immediate": "\(immediate)"])
    }

    /// The postmaster's pid, from the first line of `postmaster.pid`.
    func serverPID() -> Int32? {
        let pidFile = options.dataDirectory.appendingPathComponent("postmaster.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let pid = Int32(text.split(separator: "\n").first ?? ""), Self.isPostgresProcess(pid)
        else { return nil }
        return pid
    }
}
