import CZlib

/// One-shot zlib deflate into a gzip (`.nii.gz`) or zlib (PNG `IDAT`) wrapper.
public struct DeflateEncoder: Sendable {
    public enum Format: Sendable {
        case gzip, zlib

        var windowBits: Int32 { self == .gzip ? MAX_WBITS + 16 : MAX_WBITS }
    }

    public var format: Format
    /// zlib level 0…9 (6 is zlib's default balance of speed and size).
    public var level: Int32

    public init(format: Format, level: Int32 = 6) {
        self.format = format
        self.level = level
    }

    public func compress(_ bytes: UnsafeRawBufferPointer) throws -> [UInt8] {
        var stream = z_stream()
        guard ctriage_deflateInit2(&stream, level, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw NIfTIError(.unwritableVolume, "zlib deflateInit2 failed for level \(level)")
        }
        defer { deflateEnd(&stream) }
        // deflateBound covers at most uLong input; feed and drain in bounded slices to stay within uInt counters.
        var output = [UInt8]()
        output.reserveCapacity(Int(deflateBound(&stream, uLong(bytes.count))))
        let slice = 1 << 28
        var offset = 0
        let outChunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { outChunk.deallocate() }
        repeat {
            let count = min(slice, bytes.count - offset)
            let finishing = offset + count == bytes.count
            stream.next_in = count == 0 ? nil
                : UnsafeMutablePointer(mutating: bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(count)
            var status: Int32
            repeat {
                stream.next_out = outChunk.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(outChunk.count)
                status = deflate(&stream, finishing ? Z_FINISH : Z_NO_FLUSH)
                guard status != Z_STREAM_ERROR else { throw NIfTIError(.unwritableVolume, "zlib deflate failed") }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: outChunk[0..<(outChunk.count - Int(stream.avail_out))]))
            } while stream.avail_out == 0 || (finishing && status != Z_STREAM_END)
            offset += count
        } while offset < bytes.count
        return output
    }

    public func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        try bytes.withUnsafeBytes { try compress($0) }
    }
}
