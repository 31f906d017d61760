/// Where raw (possibly compressed) file bytes come from: successive chunks, each valid until the next call.
protocol ChunkSource {
    /// The next chunk; empty at the end of the input.
    mutating func nextChunk() throws -> UnsafeRawBufferPointer
}

/// Decoded file bytes, pulled in order.
protocol ByteStream {
    /// Fills `buffer` as far as the stream allows; returns how many bytes were written (short only at the end).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Consumes and checks whatever follows the bytes read so far (gzip trailers); called once at the end.
    mutating func finish() throws
}

/// A caller-owned buffer handed out whole (in pieces zlib's 32-bit counters can take).
struct MemoryChunkSource: ChunkSource {
    private var remaining: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { remaining = bytes }

    mutating func nextChunk() throws -> UnsafeRawBufferPointer {
        let count = min(remaining.count, 1 << 30)
        let chunk = UnsafeRawBufferPointer(rebasing: remaining[0..<count])
        remaining = UnsafeRawBufferPointer(rebasing: remaining[count...])
        return chunk
    }
}

/// Hands out a chunk already read (to sniff the format) before continuing with the rest of its source.
struct ReplayingChunkSource<Rest: ChunkSource>: ChunkSource {
    private var first: UnsafeRawBufferPointer?
    private var rest: Rest

    /// `first` must stay valid until the first `nextChunk()` call, as a chunk from `rest` does.
    init(first: UnsafeRawBufferPointer, rest: Rest) {
        self.first = first
        self.rest = rest
    }

    mutating func nextChunk() throws -> UnsafeRawBufferPointer {
        if let first {
            self.first = nil
            return first
        }
        return try rest.nextChunk()
    }
}

/// Uncompressed file bytes: copies chunks out as asked.
struct PlainByteStream<Source: ChunkSource>: ByteStream {
    private var source: Source
    private var pending = UnsafeRawBufferPointer(start: nil, count: 0)
    private var ended = false

    init(_ source: Source) { self.source = source }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if pending.isEmpty {
                if ended { break }
                pending = try source.nextChunk()
                if pending.isEmpty { ended = true; break }
            }
            let count = min(pending.count, buffer.count - written)
            UnsafeMutableRawBufferPointer(rebasing: buffer[written..<written + count])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: pending[0..<count]))
            pending = UnsafeRawBufferPointer(rebasing: pending[count...])
            written += count
        }
        return written
    }

    mutating func finish() throws {}
}
