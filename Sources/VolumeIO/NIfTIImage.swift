/// A decoded NIfTI file: the header as read, the HU volume, and (when asked for) statistics of scaled values.
public struct NIfTIImage: Sendable, Equatable {
    public var header: NIfTIHeader
    public var volume: Volume
    public var statistics: VoxelStatistics?

    public init(header: NIfTIHeader, volume: Volume, statistics: VoxelStatistics? = nil) {
        self.header = header
        self.volume = volume
        self.statistics = statistics
    }
}
