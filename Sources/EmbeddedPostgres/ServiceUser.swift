import Foundation

/// The account the cluster runs as. initdb and postgres refuse to run as root, so as root we drop to the
/// unprivileged `postgres` account with setpriv; otherwise we run as ourselves.
struct ServiceUser: Sendable {
    var name: String
    var uid: uid_t
    var gid: gid_t
    var needsSwitch: Bool

    static func current() throws -> ServiceUser {
        guard geteuid() == 0 else {
            return ServiceUser(name: NSUserName(), uid: geteuid(), gid: getegid(), needsSwitch: false)
        }
        guard let entry = getpwnam("postgres") else {
            throw EmbeddedPostgresError(
                code: .noServiceUser,
                message: "running as root, but there is no `postgres` account to run the database as "
                    + "(install the `postgresql` package or run as an ordinary user)")
        }
        return ServiceUser(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, needsSwitch: true)
    }

    /// The command line that runs `arguments` as this user.
    func command(_ arguments: [String]) -> (String, [String]) {
        guard needsSwitch else { return (arguments[0], Array(arguments.dropFirst())) }
        return ("/usr/bin/setpriv", ["--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"] + arguments)
    }

    /// Creates `url` (and parents) and hands it to this user with mode 0700.
    func prepareDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if needsSwitch { chown(url.path, uid, gid) }
        chmod(url.path, 0o700)
    }

    var environment: [String: String] {
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C", "LANG": "C"]
        if needsSwitch { env["HOME"] = "/var/lib/postgresql" } else if let home = ProcessInfo.processInfo.environment["HOME"] {
            env["HOME"] = home
        }
        return env
    }
}
