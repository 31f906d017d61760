import Foundation
import Store

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system side of the inbox: listing, reading without following links, and moving into `done/` or
/// `rejected/` without ever replacing a file already there.
struct InboxFolder: Sendable {
    struct Entry: Sendable {
        var name: String
        var modified: Date
        var isRegular: Bool
    }

    enum Destination: String, Sendable { case done, rejected }

    let directory: URL

    func path(_ name: String) -> String { directory.appendingPathComponent(name, isDirectory: false).path }

    /// Checks the folder and creates `done/` and `rejected/`; run before every scan so an operator who fixes
    /// permissions or re-creates the folder needs no restart.
    func prepare() throws(InboxError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InboxError(code: .folderUnreadable, message: "the inbox folder \(directory.path) does not exist or is not a folder")
        }
        guard access(directory.path, W_OK | X_OK) == 0 else {
            throw InboxError(code: .folderUnwritable, message: "the inbox folder \(directory.path) is not writable: \(String(cString: strerror(errno)))")
        }
        for destination in [Destination.done, .rejected] {
            do {
                try FileManager.default.createDirectory(
                    at: directory.appendingPathComponent(destination.rawValue, isDirectory: true), withIntermediateDirectories: true)
            } catch {
                throw InboxError(
                    code: .folderUnwritable,
                    message: "cannot create \(destination.rawValue)/ in the inbox folder \(directory.path): \(error.localizedDescription)")
            }
            guard access(directory.appendingPathComponent(destination.rawValue).path, W_OK | X_OK) == 0 else {
                throw InboxError(code: .folderUnwritable, message: "\(destination.rawValue)/ in the inbox folder \(directory.path) is not writable")
            }
        }
    }

    /// Files waiting in the folder, oldest first; folders, hidden and in-progress files are left out.
    func entries() throws(InboxError) -> [Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw InboxError(code: .folderUnreadable, message: "cannot list the inbox folder \(directory.path): \(error.localizedDescription)")
        }
        var entries: [Entry] = []
        for name in names where !InboxFileName.isIgnored(name) {
            // attributesOfItem uses lstat: a symbolic link is judged as itself, never by what it points at.
            // A file gone since the listing was taken by another daemon sharing the folder.
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path(name)) else { continue }
            let type = attributes[.type] as? FileAttributeType
            if type == .typeDirectory { continue }
            entries.append(Entry(
                name: name, modified: attributes[.modificationDate] as? Date ?? .distantPast, isRegular: type == .typeRegular))
        }
        return entries.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
    }

    /// The whole file, refusing links, FIFOs and devices at open time (no race with the listing) and files
    /// over `limit` bytes before reading them. Nil when the file is gone.
    func read(_ name: String, limit: Int) throws -> [UInt8]? {
        let fd = open(path(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw InboxError(code: .notRegularFile, message: "symbolic links are not ingested") }
            throw InboxError(code: .unreadableFile, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw InboxError(code: .notRegularFile, message: "only regular files are ingested")
        }
        guard Int(info.st_size) <= limit else {
            throw IngestError(code: .tooLarge, message: "the file has \(info.st_size) bytes; the limit is \(limit)")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw InboxError(code: .unreadableFile, message: got == 0 ? "the file shrank while being read" : "cannot read the file")
            }
            count += got
        }
        return bytes
    }

    /// Moves `name` into `destination`, adding `.1`, `.2`… before the extension when the name is taken there,
    /// and returns the name it got. Nil when the file is already gone.
    func move(_ name: String, to destination: Destination) throws(InboxError) -> String? {
        let folder = directory.appendingPathComponent(destination.rawValue, isDirectory: true)
        for attempt in 0..<10_000 {
            let target = Self.name(name, suffix: attempt)
            let targetPath = folder.appendingPathComponent(target, isDirectory: false).path
            // link() fails if the target exists, so a file already there is never replaced, even by a second
            // daemon moving at the same moment (rename() would silently overwrite).
            if link(path(name), targetPath) == 0 {
                if unlink(path(name)) == 0 || errno == ENOENT { return target }
                // Left in both places the file would be matched and linked again at every scan.
                let failure = errno
                unlink(targetPath)
                throw InboxError(
                    code: .folderUnwritable, message: "cannot remove a file from the inbox folder: \(String(cString: strerror(failure)))")
            }
            var failure = errno
            switch failure {
            case EEXIST:
                continue
            case ENOENT where !exists(path(name)):
                return nil
            case EPERM, ENOTSUP, EXDEV, EMLINK:
                // File systems without hard links: check, then rename (a narrow race instead of none).
                if exists(targetPath) { continue }
                if rename(path(name), targetPath) == 0 { return target }
                failure = errno
                if failure == ENOENT { return nil }
            default:
                break
            }
            throw InboxError(
                code: .folderUnwritable, message: "cannot move a file into \(destination.rawValue)/: \(String(cString: strerror(failure)))")
        }
        throw InboxError(code: .folderUnwritable, message: "no free name left in \(destination.rawValue)/")
    }

    /// True for anything at `path`, a dangling symbolic link included.
    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Writes `<name>.reason.txt` in `rejected/` beside the rejected file, never replacing an existing one.
    func writeReason(_ text: String, for name: String) throws(InboxError) {
        let target = directory.appendingPathComponent(Destination.rejected.rawValue, isDirectory: true)
            .appendingPathComponent(name + ".reason.txt", isDirectory: false).path
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw InboxError(code: .folderUnwritable, message: "cannot write the reason file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw InboxError(code: .folderUnwritable, message: "cannot write the reason file: \(String(cString: strerror(errno)))")
        }
    }

    /// "a.nii.gz" with suffix 2 → "a.2.nii.gz"; names without a NIfTI extension get it at the end.
    static func name(_ name: String, suffix: Int) -> String {
        guard suffix > 0 else { return name }
        let lowered = name.lowercased()
        guard let ext = [".nii.gz", ".nii"].first(where: { lowered.hasSuffix($0) && lowered.count > $0.count }) else {
            return "\(name).\(suffix)"
        }
        return "\(name.dropLast(ext.count)).\(suffix)\(name.suffix(ext.count))"
    }
}

/// The system call, out of reach of `InboxFolder.read` inside the type.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
