import CZlib

/// Streaming gzip (RFC 1952) decoder over a chunk source: raw inflate straight into the caller's buffer,
/// every member's CRC-32 and ISIZE checked, concatenated members and zero padding accepted (as Python's gzip),
/// total output capped so a gzip bomb fails fast instead of growing memory or time without bound.
final class GzipDecoder<Source: ChunkSource>: ByteStream {
    private enum State { case memberHeader, body, trailer, ended }

    private var source: Source
    private let stream: UnsafeMutablePointer<z_stream>
    private var input = UnsafeRawBufferPointer(start: nil, count: 0)
    private var inputEnded = false
    private var state = State.memberHeader
    private var membersDone = 0
    private var memberCRC: UInt = 0
    private var memberLength: UInt64 = 0
    private(set) var totalOutput = 0
    let maxOutput: Int

    init(_ source: Source, maxOutput: Int) throws {
        self.source = source
        self.maxOutput = max(0, maxOutput)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard ctriage_inflateInit2(stream, -MAX_WBITS) == Z_OK else {
            stream.deallocate()
            throw NIfTIError(.corruptGzip, "zlib inflateInit2 failed")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            switch state {
            case .memberHeader:
                guard try readMemberHeader() else { state = .ended; continue }
                state = .body
            case .body:
                written += try inflateBody(into: UnsafeMutableRawBufferPointer(rebasing: buffer[written...]))
            case .trailer:
                try checkTrailer()
                state = .memberHeader
            case .ended:
                return written
            }
        }
        return written
    }

    /// Inflates and discards the rest of the stream so every member's checksum is verified.
    func finish() throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        while state != .ended { _ = try read(into: scratch) }
    }

    // MARK: Input

    private func refill() throws -> Bool {
        if !input.isEmpty { return true }
        if inputEnded { return false }
        input = try source.nextChunk()
        if input.isEmpty { inputEnded = true }
        return !input.isEmpty
    }

    private func nextByte() throws -> UInt8? {
        guard try refill() else { return nil }
        let byte = input[0]
        input = UnsafeRawBufferPointer(rebasing: input[1...])
        return byte
    }

    private func requireByte(_ what: String) throws -> UInt8 {
        guard let byte = try nextByte() else {
            throw NIfTIError(.truncatedData, "gzip stream ends inside the \(what) of member \(membersDone + 1)")
        }
        return byte
    }

    private func requireLittleEndian32(_ what: String) throws -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try requireByte(what)) << UInt32(shift) }
        return value
    }

    // MARK: Members

    /// Parses one member header; false at a clean end of input (after at least one member, or empty input).
    private func readMemberHeader() throws -> Bool {
        var first = try nextByte()
        if membersDone > 0 { while first == 0 { first = try nextByte() } }
        guard let id1 = first else { return false }
        let id2 = try requireByte("header")
        guard id1 == 0x1F, id2 == 0x8B else {
            throw NIfTIError(.corruptGzip, "bytes 0x\(String(id1, radix: 16)) 0x\(String(id2, radix: 16)) where gzip member \(membersDone + 1) should start (expected 0x1f 0x8b)")
        }
        let method = try requireByte("header")
        guard method == 8 else { throw NIfTIError(.corruptGzip, "gzip compression method is \(method), expected 8 (deflate)") }
        let flags = try requireByte("header")
        guard flags & 0xE0 == 0 else { throw NIfTIError(.corruptGzip, "gzip flags 0x\(String(flags, radix: 16)) set reserved bits") }
        for _ in 0..<6 { _ = try requireByte("header") }  // MTIME, XFL, OS
        if flags & 0x04 != 0 {  // FEXTRA
            let length = Int(try requireByte("header")) | Int(try requireByte("header")) << 8
            for _ in 0..<length { _ = try requireByte("extra field") }
        }
        if flags & 0x08 != 0 { while try requireByte("file name") != 0 {} }
        if flags & 0x10 != 0 { while try requireByte("comment") != 0 {} }
        if flags & 0x02 != 0 { for _ in 0..<2 { _ = try requireByte("header CRC") } }
        memberCRC = crc32(0, nil, 0)
        memberLength = 0
        guard inflateReset(stream) == Z_OK else { throw NIfTIError(.corruptGzip, "zlib inflateReset failed") }
        return true
    }

    private func inflateBody(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard try refill() else {
            throw NIfTIError(.truncatedData, "gzip stream ends inside the compressed data of member \(membersDone + 1) after \(totalOutput) decompressed bytes")
        }
        // One byte past the cap lets an over-cap stream be told apart from one that ends exactly at it.
        let room = maxOutput - totalOutput
        let allowed = min(output.count, Int(UInt32.max), room < Int(UInt32.max) ? room + 1 : Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(allowed)
        let status = inflate(stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.pointee.avail_in)
        let produced = allowed - Int(stream.pointee.avail_out)
        input = UnsafeRawBufferPointer(rebasing: input[consumed...])
        if produced > 0 {
            memberCRC = crc32(memberCRC, output.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(produced))
        }
        memberLength += UInt64(produced)
        totalOutput += produced
        if totalOutput > maxOutput {
            throw NIfTIError(.decompressedSizeOverCap, "decompressed size exceeds the cap of \(maxOutput) bytes")
        }
        switch status {
        case Z_STREAM_END: state = .trailer
        case Z_OK, Z_BUF_ERROR: break
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw NIfTIError(.corruptGzip, "deflate data of member \(membersDone + 1) is corrupt: \(reason)")
        }
        return produced
    }

    private func checkTrailer() throws {
        let storedCRC = try requireLittleEndian32("trailer")
        let storedLength = try requireLittleEndian32("trailer")
        guard UInt32(truncatingIfNeeded: memberCRC) == storedCRC else {
            throw NIfTIError(.gzipCRCMismatch, "gzip CRC32 of member \(membersDone + 1) is 0x\(String(memberCRC, radix: 16)), trailer says 0x\(String(storedCRC, radix: 16))")
        }
        guard UInt32(truncatingIfNeeded: memberLength) == storedLength else {
            throw NIfTIError(.gzipLengthMismatch, "gzip ISIZE of member \(membersDone + 1) is \(storedLength), decompressed \(memberLength) bytes")
        }
        membersDone += 1
    }
}
