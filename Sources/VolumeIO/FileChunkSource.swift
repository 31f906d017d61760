#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in fixed-size chunks through one reusable buffer, so a large file never sits in memory whole.
final class FileChunkSource: ChunkSource {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    let path: String

    init(path: String, chunkSize: Int = 256 * 1024) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw NIfTIError(.unreadableFile, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.path = path
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    func nextChunk() throws -> UnsafeRawBufferPointer {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }
            if errno == EINTR { continue }
            throw NIfTIError(.unreadableFile, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }
}
