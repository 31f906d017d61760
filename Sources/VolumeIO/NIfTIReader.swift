/// Reads single-file NIfTI-1/NIfTI-2 volumes (`.nii` or gzip-compressed `.nii.gz`, detected by content)
/// into a HU `Volume`, agreeing with nibabel on dims, zooms, affine and scaled values.
public struct NIfTIReader: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Largest accepted `dim[1…3]`.
        public var maxDimension: Int
        /// Most bytes the file may decompress to (header, extensions, voxels and anything after).
        public var maxDecompressedBytes: Int

        public init(maxDimension: Int = 2048, maxDecompressedBytes: Int = 2 << 30) {
            self.maxDimension = max(1, maxDimension)
            self.maxDecompressedBytes = max(0, maxDecompressedBytes)
        }
    }

    public var limits: Limits

    public init(limits: Limits = .init()) { self.limits = limits }

    /// Reads a file from memory. With `collectStatistics`, min/max/sum of the scaled values come back too;
    /// a `watcher` sees the voxels as they are decoded.
    public func read(
        _ bytes: UnsafeRawBufferPointer, collectStatistics: Bool = false, watcher: (any VoxelWatcher)? = nil
    ) throws -> NIfTIImage {
        let isGzip = bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
        if isGzip {
            let stream = try GzipDecoder(MemoryChunkSource(bytes), maxOutput: limits.maxDecompressedBytes)
            return try decode(stream, collectStatistics: collectStatistics, watcher: watcher)
        }
        return try decode(PlainByteStream(MemoryChunkSource(bytes)), collectStatistics: collectStatistics, watcher: watcher)
    }

    public func read(_ bytes: [UInt8], collectStatistics: Bool = false) throws -> NIfTIImage {
        try bytes.withUnsafeBytes { try read($0, collectStatistics: collectStatistics) }
    }

    /// Streams a file from disk in chunks, so only the voxels (and one small buffer) are ever held;
    /// a `watcher` sees the voxels as they are decoded.
    public func read(
        contentsOfFile path: String, collectStatistics: Bool = false, watcher: (any VoxelWatcher)? = nil
    ) throws -> NIfTIImage {
        let file = try FileChunkSource(path: path)
        let first = try file.nextChunk()
        let isGzip = first.count >= 2 && first[0] == 0x1F && first[1] == 0x8B
        let source = ReplayingChunkSource(first: first, rest: file)
        if isGzip {
            let stream = try GzipDecoder(source, maxOutput: limits.maxDecompressedBytes)
            return try decode(stream, collectStatistics: collectStatistics, watcher: watcher)
        }
        return try decode(PlainByteStream(source), collectStatistics: collectStatistics, watcher: watcher)
    }

    func decode<Stream: ByteStream>(_ stream: Stream, collectStatistics: Bool, watcher: (any VoxelWatcher)? = nil) throws -> NIfTIImage {
        var stream = stream
        let header = try readHeader(&stream)
        let (plane, overflowA) = header.dim[1].multipliedReportingOverflow(by: header.dim[2])
        let (voxelCount, overflowB) = plane.multipliedReportingOverflow(by: header.dim[3])
        let (dataBytes, overflowC) = voxelCount.multipliedReportingOverflow(by: header.datatype.bytesPerVoxel)
        let (endOfData, overflowD) = dataBytes.addingReportingOverflow(header.voxOffset)
        guard !overflowA, !overflowB, !overflowC, !overflowD else {
            throw NIfTIError(.voxelCountOverflow, "dim \(header.dims.x)×\(header.dims.y)×\(header.dims.z) of \(header.datatype.name) overflows the byte count")
        }
        guard endOfData <= limits.maxDecompressedBytes else {
            throw NIfTIError(.decompressedSizeOverCap, "vox_offset \(header.voxOffset) + \(dataBytes) voxel bytes exceed the cap of \(limits.maxDecompressedBytes) bytes")
        }
        try skip(header.voxOffset - header.headerSize, of: &stream, voxOffset: header.voxOffset)
        var statistics: VoxelStatistics? = collectStatistics ? VoxelStatistics() : nil
        var clamped = false
        let affine = try header.bestAffine()
        let voxels = try [Int16](unsafeUninitializedCapacity: voxelCount) { output, initialized in
            var complete = false
            watcher?.begin(dims: header.dims, spacing: header.spacingMillimetres, affine: affine, voxels: UnsafeBufferPointer(output))
            defer { watcher?.end(complete: complete) }
            clamped = try readVoxels(header, from: &stream, into: output, statistics: &statistics, watcher: watcher)
            initialized = voxelCount
            complete = true
        }
        try stream.finish()
        let volume = Volume(dims: header.dims, spacing: header.spacingMillimetres, affine: affine,
                            voxels: voxels, valuesClamped: clamped)
        return NIfTIImage(header: header, volume: volume, statistics: statistics)
    }

    private func readHeader<Stream: ByteStream>(_ stream: inout Stream) throws -> NIfTIHeader {
        var bytes = [UInt8](repeating: 0, count: 540)
        let first = try bytes.withUnsafeMutableBytes { try stream.read(into: .init(rebasing: $0[0..<4])) }
        guard first == 4 else {
            throw NIfTIError(.truncatedHeader, "file has \(first) bytes, too short for sizeof_hdr")
        }
        let size = HeaderBytes.layout(sizeofHdr: Array(bytes[0..<4]))?.0 == .nifti2 ? 540 : 348
        let rest = try bytes.withUnsafeMutableBytes { try stream.read(into: .init(rebasing: $0[4..<size])) }
        // A bad sizeof_hdr is reported as such even when the file is also short.
        return try NIfTIHeader(parsing: Array(bytes[0..<(4 + rest)]), limits: limits)
    }

    private func skip<Stream: ByteStream>(_ count: Int, of stream: inout Stream, voxOffset: Int) throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: min(max(count, 1), 64 * 1024), alignment: 16)
        defer { scratch.deallocate() }
        var remaining = count
        while remaining > 0 {
            let wanted = min(remaining, scratch.count)
            let got = try stream.read(into: .init(rebasing: scratch[0..<wanted]))
            remaining -= got
            if got < wanted {
                throw NIfTIError(.voxOffsetPastData, "vox_offset is \(voxOffset) but the data ends at byte \(voxOffset - remaining)")
            }
        }
    }

    private func readVoxels<Stream: ByteStream>(
        _ header: NIfTIHeader, from stream: inout Stream, into output: UnsafeMutableBufferPointer<Int16>,
        statistics: inout VoxelStatistics?, watcher: (any VoxelWatcher)?
    ) throws -> Bool {
        let converter = VoxelConverter(header: header)
        let bytesPerVoxel = header.datatype.bytesPerVoxel
        let expected = output.count * bytesPerVoxel
        func truncated(_ got: Int) -> NIfTIError {
            NIfTIError(.truncatedData, "voxel data has \(got) bytes, dim \(header.dims.x)×\(header.dims.y)×\(header.dims.z) of \(header.datatype.name) needs \(expected)")
        }
        if converter.isIdentity, statistics == nil, watcher == nil {
            let got = try stream.read(into: UnsafeMutableRawBufferPointer(output))
            guard got == expected else { throw truncated(got) }
            return false
        }
        // 16-bit voxels are inflated straight into their place in the output and converted there while the
        // block is still in cache; other sizes go through a block-sized buffer.
        let inPlace = bytesPerVoxel == MemoryLayout<Int16>.size
        let blockVoxels = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: inPlace ? 0 : blockVoxels * bytesPerVoxel, alignment: 16)
        defer { buffer.deallocate() }
        var clamped = false
        var done = 0
        while done < output.count {
            let voxels = min(blockVoxels, output.count - done)
            let target = UnsafeMutableBufferPointer(rebasing: output[done..<done + voxels])
            let block = inPlace ? UnsafeMutableRawBufferPointer(target) : .init(rebasing: buffer[0..<voxels * bytesPerVoxel])
            let got = try stream.read(into: block)
            guard got == voxels * bytesPerVoxel else { throw truncated(done * bytesPerVoxel + got) }
            if !converter.isIdentity || statistics != nil,
               converter.convert(.init(block), into: target, statistics: &statistics) { clamped = true }
            done += voxels
            watcher?.decoded(done)
        }
        return clamped
    }
}
