import Foundation
import Testing

/// A small tmpfs of the test's own, to fill up or make read-only. Mounting needs root (CAP_SYS_ADMIN); where that is
/// not permitted the tests using it are skipped (`isPermitted`).
struct ScratchMount: Sendable {
    let directory: URL

    static let skipComment: Comment = "mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN); disk-full tests skipped"

    /// Tried once per test process: mount and unmount a tiny tmpfs.
    static let isPermitted: Bool = {
        guard geteuid() == 0, let probe = try? ScratchMount(sizeKB: 64) else { return false }
        probe.unmount()
        return true
    }()

    /// Mounts a tmpfs of `sizeKB` kilobytes (and at most `inodes` files and folders, when given) on a new folder.
    init(sizeKB: Int, inodes: Int? = nil) throws {
        directory = URL(fileURLWithPath: "/tmp/ctriage-mount-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = "size=\(sizeKB)k,mode=0755"
        if let inodes { options += ",nr_inodes=\(inodes)" }
        do {
            try Self.mount(["-t", "tmpfs", "-o", options, "tmpfs", directory.path])
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func remount(readOnly: Bool) throws {
        try Self.mount(["-o", readOnly ? "remount,ro" : "remount,rw", directory.path])
    }

    /// Lazily, so a process still holding a file there cannot keep the test from cleaning up.
    func unmount() {
        try? Self.run("/bin/umount", ["-l", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes a filler file until the file system is full and returns it; removing it frees the space again.
    @discardableResult
    func fill(name: String = "filler") -> URL {
        let url = directory.appendingPathComponent(name)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return url }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0xA5, count: 4096)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        // The last partial block too, byte by byte (a few at most).
        while write(fd, chunk, 1) == 1 {}
        return url
    }

    /// Creates empty files until no inode is left; returns them.
    func exhaustInodes() -> [URL] {
        var made: [URL] = []
        for index in 0..<100_000 {
            let url = directory.appendingPathComponent(".inode-\(index)")
            let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else { break }
            close(fd)
            made.append(url)
        }
        return made
    }

    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var description: String { "\(command) exited with status \(status)" }
    }

    static func mount(_ arguments: [String]) throws {
        try run("/bin/mount", arguments)
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: "\(tool) \(arguments.joined(separator: " "))", status: process.terminationStatus)
        }
    }
}
