import CZlib

/// CRC-32 (IEEE, as gzip and PNG use it) through zlib's table-driven implementation.
public enum CRC32 {
    /// Continues `crc` (start from 0) over `bytes`.
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var value = uLong(crc)
        var remaining = bytes
        while !remaining.isEmpty {
            let count = min(remaining.count, Int(UInt32.max))
            value = crc32(value, remaining.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(count))
            remaining = UnsafeRawBufferPointer(rebasing: remaining[count...])
        }
        return UInt32(truncatingIfNeeded: value)
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0) }
    }
}
