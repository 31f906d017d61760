import CZlib

/// The yardstick for the read benchmark: zlib's own gzip decoding (CRC and ISIZE checked inside zlib) of a
/// whole file into one buffer, with nothing else done to the bytes.
public enum ZlibBaseline {
    /// Inflates every gzip member of `compressed` into a fresh buffer of `capacity` bytes; returns the bytes.
    public static func inflate(_ compressed: UnsafeRawBufferPointer, capacity: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard ctriage_inflateInit2(&stream, MAX_WBITS + 16) == Z_OK else {
            throw NIfTIError(.corruptGzip, "zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var produced = 0
        let output = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(compressed.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(capacity)
            while true {
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                if status == Z_STREAM_END, stream.avail_in > 0, stream.next_in.pointee == 0x1F {
                    inflateReset(&stream)
                    continue
                }
                if status == Z_STREAM_END { break }
                guard status == Z_OK, stream.avail_out > 0 else {
                    throw NIfTIError(.corruptGzip, "zlib inflate status \(status)")
                }
            }
            produced = capacity - Int(stream.avail_out)
            initialized = produced
        }
        return output
    }

    /// The ISIZE of the last member: the uncompressed size modulo 2³² for single-member files.
    public static func storedSize(_ compressed: [UInt8]) -> Int {
        guard compressed.count >= 4 else { return 0 }
        return compressed.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
