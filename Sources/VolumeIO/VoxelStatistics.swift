/// Minimum, maximum and sum of the scaled voxel values (before rounding to Int16), as `inspect` reports them.
/// NaN voxels are skipped.
public struct VoxelStatistics: Sendable, Equatable {
    public var minimum = Double.infinity
    public var maximum = -Double.infinity
    public var sum = 0.0

    public init() {}

    @inline(__always)
    mutating func add(_ value: Double) {
        guard !value.isNaN else { return }
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
        sum += value
    }
}
