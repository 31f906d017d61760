import CZlib

/// Encodes 8-bit RGB or grey images as PNG (zlib-deflated IDAT, no filtering; CRC from zlib).
public enum PNGEncoder {
    public struct EncodingError: Error, Sendable {
        public struct Code: Sendable, Equatable, CustomStringConvertible {
            let raw: String
            public static let sizeMismatch = Code(raw: "size_mismatch")
            public static let deflateFailed = Code(raw: "deflate_failed")
            public var description: String { raw }
        }
        public var code: Code
        public var message: String
    }

    /// - Parameters:
    ///   - pixels: row-major samples, `channels` per pixel (1 grey, 3 RGB).
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(EncodingError) -> [UInt8] {
        guard width > 0, height > 0, channels == 1 || channels == 3, pixels.count == width * height * channels else {
            throw EncodingError(code: .sizeMismatch, message: "pixels.count \(pixels.count) does not match \(width)×\(height)×\(channels)")
        }
        var raw: [UInt8] = []
        raw.reserveCapacity((width * channels + 1) * height)
        for y in 0..<height {
            raw.append(0)
            raw.append(contentsOf: pixels[(y * width * channels)..<((y + 1) * width * channels)])
        }
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [8, channels == 3 ? 2 : 0, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", try deflate(raw), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    static func deflate(_ input: [UInt8]) throws(EncodingError) -> [UInt8] {
        var bound = 0
        var output: [UInt8] = []
        let status: Int32 = input.withUnsafeBufferPointer { source in
            bound = Int(compressBound(uLong(source.count)))
            output = [UInt8](repeating: 0, count: bound)
            var length = uLongf(bound)
            let result = output.withUnsafeMutableBufferPointer { target in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(source.count), 6)
            }
            bound = Int(length)
            return result
        }
        guard status == Z_OK else {
            throw EncodingError(code: .deflateFailed, message: "zlib compress2 returned status \(status)")
        }
        return Array(output[0..<bound])
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &png)
        let body = Array(type.utf8) + data
        png += body
        let crc = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc), to: &png)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
