import Foundation
import Testing
@testable import VolumeIO

@Suite("Writer round trips")
struct WriterTests {
    static let affines: [(String, Affine)] = [
        ("MosMed-like, qfac -1", Affine(rows: [[-0.7, 0, 0, 179.3], [0, -0.7, 0, 179.3], [0, 0, -8, -50], [0, 0, 0, 1]])),
        ("oblique, 17° about z", {
            let (c, s) = (cos(17 * Double.pi / 180), sin(17 * Double.pi / 180))
            return Affine(rows: [[0.7 * c, -0.8 * s, 0, -120.5], [0.7 * s, 0.8 * c, 0, 33.25], [0, 0, 2.5, -400], [0, 0, 0, 1]])
        }()),
        ("180° about x", Affine(rows: [[1, 0, 0, 0], [0, -1, 0, 0], [0, 0, -1, 0], [0, 0, 0, 1]])),
    ]

    static func volume(_ affine: Affine) -> Volume {
        let dims = SIMD3(7, 6, 5)
        let voxels = (0..<210).map { Int16(truncatingIfNeeded: ($0 * 7919) % 65536 - 32768) }
        return Volume(dims: dims, spacing: SIMD3(1, 1, 1), affine: affine, voxels: voxels)
    }

    @Test("int16 volume reads back with the same voxels, sform and an equivalent qform", arguments: 0..<affines.count)
    func int16RoundTrip(_ index: Int) throws {
        let original = Self.volume(Self.affines[index].1)
        let written = try NIfTIWriter().gzippedNIfTI(original)
        let image = try NIfTIReader().read(written)
        #expect(image.volume.voxels == original.voxels)
        #expect(image.header.datatype == .int16)
        #expect(image.header.qformCode == 1 && image.header.sformCode == 1)
        for row in 0..<4 {
            for column in 0..<4 {
                let expected = Double(Float(original.affine.rows[row][column]))
                #expect(image.volume.affine.rows[row][column] == expected)
                #expect(FixtureTests.close(try image.header.qformAffine().rows[row][column], expected, tolerance: 1e-5),
                        "qform[\(row)][\(column)]")
            }
        }
    }

    @Test("uint8 mask keeps its labels and placement")
    func maskRoundTrip() throws {
        let affine = Self.affines[0].1
        let mask = (0..<210).map { UInt8($0 % 3) }
        let written = try NIfTIWriter(qformCode: 2, sformCode: 2).gzippedMask(mask, dims: SIMD3(7, 6, 5), affine: affine)
        let image = try NIfTIReader().read(written)
        #expect(image.header.datatype == .uint8)
        #expect(image.header.qformCode == 2 && image.header.sformCode == 2)
        #expect(image.volume.voxels == mask.map { Int16($0) })
        #expect(image.volume.orientation.description == "LPI")
    }

    @Test("a volume outside 0…255 is refused as a uint8 mask")
    func maskRange() throws {
        let error = try #require(throws: NIfTIError.self) {
            try NIfTIWriter().gzippedNIfTI(Self.volume(Self.affines[0].1), as: .uint8)
        }
        #expect(error.code == .unwritableVolume)
    }

    @Test("deflate encoder output inflates back, including empty input and multi-slice input")
    func gzipRoundTrip() throws {
        for payload in [[UInt8](), Array("abc".utf8), (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 ^ $0 >> 7) }] {
            let compressed = try DeflateEncoder(format: .gzip, level: 1).compress(payload)
            let decoded = try inflate(compressed, capacity: payload.count + 1)
            #expect(decoded == payload)
        }
    }

    @Test("CRC32 of the check string matches the standard check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    private func inflate(_ compressed: [UInt8], capacity: Int) throws -> [UInt8] {
        try compressed.withUnsafeBytes { source in
            let decoder = try GzipDecoder(MemoryChunkSource(source), maxOutput: 1 << 30)
            var output = [UInt8](repeating: 0, count: capacity)
            let count = try output.withUnsafeMutableBytes { try decoder.read(into: $0) }
            try decoder.finish()
            return Array(output[0..<count])
        }
    }
}
