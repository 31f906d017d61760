import Testing
@testable import VolumeIO

/// Files arrive in arbitrary pieces from disk; gzip headers, members and voxels must decode across any split.
@Suite("Chunk boundaries")
struct ChunkBoundaryTests {
    /// Serves a buffer in pieces of a fixed size.
    struct SlicedChunkSource: ChunkSource {
        var remaining: UnsafeRawBufferPointer
        let size: Int

        mutating func nextChunk() throws -> UnsafeRawBufferPointer {
            let count = min(size, remaining.count)
            defer { remaining = UnsafeRawBufferPointer(rebasing: remaining[count...]) }
            return UnsafeRawBufferPointer(rebasing: remaining[0..<count])
        }
    }

    @Test("every fixture decodes the same in 1-, 3-, 7- and 1000-byte pieces", arguments: Fixtures.expected)
    func sliced(_ expected: Fixtures.Expected) throws {
        let bytes = try Fixtures.bytes(expected.file)
        let whole = try NIfTIReader().read(bytes, collectStatistics: true)
        for size in [1, 3, 7, 1000] {
            let image = try bytes.withUnsafeBytes { buffer in
                let source = SlicedChunkSource(remaining: buffer, size: size)
                let reader = NIfTIReader()
                return expected.gzip
                    ? try reader.decode(GzipDecoder(source, maxOutput: reader.limits.maxDecompressedBytes), collectStatistics: true)
                    : try reader.decode(PlainByteStream(source), collectStatistics: true)
            }
            // Compared field by field: headers with a NaN scl_slope are never == themselves.
            #expect(image.volume == whole.volume, "pieces of \(size) bytes")
            #expect(image.statistics == whole.statistics, "pieces of \(size) bytes")
        }
    }
}
