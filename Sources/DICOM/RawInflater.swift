import CZlib

/// Inflates the raw deflate stream of a Deflated Explicit VR Little Endian data set (PS3.5 A.5: no zlib or
/// gzip wrapper), stopping at `maxOutput` bytes so a deflate bomb costs bounded memory.
enum RawInflater {
    static func inflate(_ input: ArraySlice<UInt8>, maxOutput: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard ctriage_inflateInit2(&stream, -MAX_WBITS) == Z_OK else {
            throw DICOMError(.corruptDeflate, "zlib inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        try input.withUnsafeBytes { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(source.count)
            repeat {
                let produced = try chunk.withUnsafeMutableBytes { buffer -> Int in
                    stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                        throw DICOMError(.corruptDeflate, "the deflated data set does not inflate: \(reason)")
                    }
                    return buffer.count - Int(stream.avail_out)
                }
                guard output.count + produced <= maxOutput else {
                    throw DICOMError(.limitExceeded, "the deflated data set inflates past the limit of \(maxOutput) bytes")
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_OK, produced == 0, stream.avail_in == 0 {
                    throw DICOMError(.corruptDeflate, "the deflated data set ends before its deflate stream does")
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
