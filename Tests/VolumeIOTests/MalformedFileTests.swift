import Testing
@testable import VolumeIO

/// One malformed file per error the reader promises; each must fail with its own code and name the field.
@Suite("Malformed files yield specific errors")
struct MalformedFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var code: NIfTIError.Code
        var messageMentions: String
        var limits = NIfTIReader.Limits()
        var make: @Sendable () throws -> [UInt8]

        var testDescription: String { name }
    }

    /// A valid little-endian NIfTI-1 int16 7×6×5 file (vox_offset 352, 420 voxel bytes).
    static func plain() throws -> [UInt8] { try Fixtures.bytes("int16_plain.nii") }

    static func patched(_ edit: (inout NIfTIFileBytes) -> Void) throws -> [UInt8] {
        var file = NIfTIFileBytes(bytes: try plain())
        edit(&file)
        return file.bytes
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] { try DeflateEncoder(format: .gzip).compress(bytes) }

    static let cases: [Case] = [
        Case(name: "sizeof_hdr neither 348 nor 540", code: .badMagic, messageMentions: "sizeof_hdr is 349") {
            try patched { $0.int32(0, 349) }
        },
        Case(name: "wrong magic string", code: .badMagic, messageMentions: "magic is \"n+3\"") {
            try patched { $0.bytes[346] = UInt8(ascii: "3") }
        },
        Case(name: "header/image pair magic", code: .badMagic, messageMentions: ".hdr/.img pair") {
            try patched { $0.bytes[345] = UInt8(ascii: "i") }
        },
        Case(name: "header cut at 200 bytes", code: .truncatedHeader, messageMentions: "200 bytes") {
            Array(try plain()[0..<200])
        },
        Case(name: "empty gzip file", code: .truncatedHeader, messageMentions: "sizeof_hdr") { try gzip([]) },
        Case(name: "voxel data 10 bytes short", code: .truncatedData, messageMentions: "410 bytes") {
            Array(try plain().dropLast(10))
        },
        Case(name: "gzip of a short file", code: .truncatedData, messageMentions: "410 bytes") {
            try gzip(Array(try plain().dropLast(10)))
        },
        Case(name: "gzip stream cut in the middle", code: .truncatedData, messageMentions: "gzip stream ends") {
            let whole = try gzip(try plain())
            return Array(whole[0..<(whole.count / 2)])
        },
        Case(name: "gzip trailer missing", code: .truncatedData, messageMentions: "trailer") {
            Array(try gzip(try plain()).dropLast(8))
        },
        Case(name: "gzip CRC32 flipped", code: .gzipCRCMismatch, messageMentions: "CRC32") {
            var bytes = try gzip(try plain())
            bytes[bytes.count - 8] ^= 0x01
            return bytes
        },
        Case(name: "gzip ISIZE wrong", code: .gzipLengthMismatch, messageMentions: "ISIZE") {
            var bytes = try gzip(try plain())
            bytes[bytes.count - 4] ^= 0x01
            return bytes
        },
        Case(name: "gzip method not deflate", code: .corruptGzip, messageMentions: "method is 7") {
            var bytes = try gzip(try plain())
            bytes[2] = 7
            return bytes
        },
        Case(name: "garbage after the gzip member", code: .corruptGzip, messageMentions: "0x41 0x42") {
            try gzip(try plain()) + Array("ABCD".utf8)
        },
        Case(name: "dim[2] = 0", code: .badDim, messageMentions: "dim[2] is 0") { try patched { $0.int16(44, 0) } },
        Case(name: "dim[1] negative", code: .badDim, messageMentions: "dim[1] is -7") { try patched { $0.int16(42, -7) } },
        Case(name: "dim[0] = 5", code: .badDim, messageMentions: "dim[0] is 5") { try patched { $0.int16(40, 5) } },
        Case(name: "a 4D series", code: .badDim, messageMentions: "dim[4] is 3") {
            try patched { $0.int16(40, 4); $0.int16(48, 3) }
        },
        Case(name: "dim[1] above the default 2048", code: .dimOverLimit, messageMentions: "dim[1] is 3000") {
            try patched { $0.int16(42, 3000) }
        },
        Case(name: "dim[3] above a configured limit", code: .dimOverLimit, messageMentions: "limit of 4",
             limits: .init(maxDimension: 4)) { try plain() },
        Case(name: "NIfTI-2 dims whose product overflows", code: .voxelCountOverflow, messageMentions: "overflows",
             limits: .init(maxDimension: .max, maxDecompressedBytes: .max)) {
            var file = NIfTIFileBytes(bytes: try Fixtures.bytes("nifti2_be.nii"), bigEndian: true)
            for axis in 1...3 { file.int64(16 + 8 * axis, 1 << 40) }
            return file.bytes
        },
        Case(name: "vox_offset inside the header", code: .badVoxOffset, messageMentions: "vox_offset is 100") {
            try patched { $0.float32(108, 100) }
        },
        Case(name: "vox_offset not whole", code: .badVoxOffset, messageMentions: "vox_offset is 352.5") {
            try patched { $0.float32(108, 352.5) }
        },
        Case(name: "vox_offset past the end", code: .voxOffsetPastData, messageMentions: "vox_offset is 10000") {
            try patched { $0.float32(108, 10000) }
        },
        Case(name: "complex64 datatype", code: .unsupportedDatatype, messageMentions: "complex64 (32)") {
            try patched { $0.int16(70, 32) }
        },
        Case(name: "int64 datatype", code: .unsupportedDatatype, messageMentions: "int64 (1024)") {
            try patched { $0.int16(70, 1024) }
        },
        Case(name: "unknown datatype code", code: .unsupportedDatatype, messageMentions: "code 9999") {
            try patched { $0.int16(70, 9999) }
        },
        Case(name: "header asks for more than the cap", code: .decompressedSizeOverCap, messageMentions: "cap of 500",
             limits: .init(maxDecompressedBytes: 500)) { try plain() },
        Case(name: "gzip bomb after valid voxels", code: .decompressedSizeOverCap, messageMentions: "cap of 1048576",
             limits: .init(maxDecompressedBytes: 1 << 20)) {
            try gzip(try plain() + [UInt8](repeating: 0, count: 8 << 20))
        },
        Case(name: "infinite scl_inter with a valid slope", code: .invalidScaling, messageMentions: "scl_inter is inf") {
            try patched { $0.float32(112, 2); $0.float32(116, .infinity) }
        },
        Case(name: "qform quaternion longer than 1", code: .invalidQuaternion, messageMentions: "quatern_b,c,d") {
            try patched {
                $0.int16(254, 0)
                for offset in [256, 260, 264] { $0.float32(offset, 0.9) }
            }
        },
        Case(name: "NaN voxel size", code: .nonFiniteGeometry, messageMentions: "pixdim[2] is nan") {
            try patched { $0.float32(84, .nan) }
        },
        Case(name: "infinite sform entry", code: .nonFiniteGeometry, messageMentions: "srow_x/y/z contain inf") {
            try patched { $0.float32(296, .infinity) }
        },
    ]

    @Test("each malformed file fails with its code", arguments: cases)
    func malformed(_ testCase: Case) throws {
        let bytes = try testCase.make()
        let error = try #require(throws: NIfTIError.self) {
            try NIfTIReader(limits: testCase.limits).read(bytes)
        }
        #expect(error.code == testCase.code, "\(error)")
        #expect(error.message.contains(testCase.messageMentions), "\(error.message)")
    }

    @Test("the gzip bomb is fine without the cap: trailing bytes after the voxels are allowed")
    func trailingBytesWithinCap() throws {
        let bytes = try Self.gzip(try Self.plain() + [UInt8](repeating: 0, count: 8 << 20))
        let image = try NIfTIReader().read(bytes)
        #expect(image.volume == (try NIfTIReader().read(Self.plain())).volume)
    }

    @Test("a missing file is an unreadableFile error naming the path")
    func missingFile() throws {
        let error = try #require(throws: NIfTIError.self) {
            try NIfTIReader().read(contentsOfFile: "/nonexistent/study_0001.nii.gz")
        }
        #expect(error.code == .unreadableFile)
        #expect(error.message.contains("/nonexistent/study_0001.nii.gz"))
    }
}

/// Patches header fields of a NIfTI file in place.
struct NIfTIFileBytes {
    var bytes: [UInt8]
    var bigEndian = false

    mutating func put(_ offset: Int, _ value: UInt64, size: Int) {
        for index in 0..<size {
            bytes[offset + (bigEndian ? size - 1 - index : index)] = UInt8(truncatingIfNeeded: value >> (8 * index))
        }
    }

    mutating func int16(_ offset: Int, _ value: Int16) { put(offset, UInt64(UInt16(bitPattern: value)), size: 2) }
    mutating func int32(_ offset: Int, _ value: Int32) { put(offset, UInt64(UInt32(bitPattern: value)), size: 4) }
    mutating func int64(_ offset: Int, _ value: Int64) { put(offset, UInt64(bitPattern: value), size: 8) }
    mutating func float32(_ offset: Int, _ value: Float) { put(offset, UInt64(value.bitPattern), size: 4) }
}

@Suite("Limits at their extremes")
struct LimitExtremesTests {
    @Test("an unlimited cap reads normally (no overflow computing the room left)")
    func unlimited() throws {
        let bytes = try Fixtures.bytes("dtype_int16.nii.gz")
        let limits = NIfTIReader.Limits(maxDimension: .max, maxDecompressedBytes: .max)
        #expect(try NIfTIReader(limits: limits).read(bytes).volume == (try NIfTIReader().read(bytes)).volume)
    }

    @Test("a negative cap is a zero cap: every file is over it")
    func negativeCap() throws {
        let bytes = try Fixtures.bytes("dtype_int16.nii.gz")
        let error = try #require(throws: NIfTIError.self) {
            try NIfTIReader(limits: .init(maxDecompressedBytes: -5)).read(bytes)
        }
        #expect(error.code == .decompressedSizeOverCap)
    }
}
