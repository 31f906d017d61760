/// Why a NIfTI file (or its gzip wrapper) could not be read; `message` names the offending field and value.
public struct NIfTIError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case badMagic, truncatedHeader, truncatedData, gzipCRCMismatch, gzipLengthMismatch, corruptGzip
            case badDim, dimOverLimit, voxelCountOverflow, badVoxOffset, voxOffsetPastData
            case unsupportedDatatype, decompressedSizeOverCap, invalidScaling, invalidQuaternion, nonFiniteGeometry
            case unreadableFile, unwritableVolume
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `sizeof_hdr` is neither 348 nor 540 in either byte order, or the magic string is wrong.
        public static let badMagic = Code(.badMagic)
        public static let truncatedHeader = Code(.truncatedHeader)
        public static let truncatedData = Code(.truncatedData)
        public static let gzipCRCMismatch = Code(.gzipCRCMismatch)
        public static let gzipLengthMismatch = Code(.gzipLengthMismatch)
        /// A gzip header or deflate stream that zlib rejects, or non-gzip bytes after a member.
        public static let corruptGzip = Code(.corruptGzip)
        /// `dim[0]` is not 3 (or 4 with `dim[4] = 1`), or a spatial `dim` is ≤ 0.
        public static let badDim = Code(.badDim)
        public static let dimOverLimit = Code(.dimOverLimit)
        public static let voxelCountOverflow = Code(.voxelCountOverflow)
        /// `vox_offset` is not a whole number at or after the end of the header.
        public static let badVoxOffset = Code(.badVoxOffset)
        public static let voxOffsetPastData = Code(.voxOffsetPastData)
        public static let unsupportedDatatype = Code(.unsupportedDatatype)
        public static let decompressedSizeOverCap = Code(.decompressedSizeOverCap)
        /// A valid `scl_slope` with a non-finite `scl_inter` (nibabel refuses these too).
        public static let invalidScaling = Code(.invalidScaling)
        /// The qform quaternion has `b² + c² + d²` above 1 (nibabel refuses these too).
        public static let invalidQuaternion = Code(.invalidQuaternion)
        /// A NaN or infinite voxel size, or one in the transform that would place the voxels.
        public static let nonFiniteGeometry = Code(.nonFiniteGeometry)
        public static let unreadableFile = Code(.unreadableFile)
        /// The writer was given a volume or mask it cannot encode.
        public static let unwritableVolume = Code(.unwritableVolume)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
