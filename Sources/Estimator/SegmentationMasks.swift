/// Lung and lesion labels packed one byte per voxel on the input grid.
///
/// Bits 0–1 hold the lung side (1 right, 2 left), bit 2 marks a lesion voxel.
public struct SegmentationMasks: Sendable, Equatable {
    public static let rightLung: UInt8 = 1
    public static let leftLung: UInt8 = 2
    public static let lesion: UInt8 = 4

    public var dims: SIMD3<Int>
    public var packed: [UInt8]

    public init(dims: SIMD3<Int>, packed: [UInt8]) {
        precondition(packed.count == dims.x * dims.y * dims.z, "mask size must match dims")
        self.dims = dims
        self.packed = packed
    }

    /// 1 = right lung, 2 = left lung, 0 elsewhere.
    public var lungLabels: [UInt8] { packed.map { $0 & 3 } }

    /// 1 where a lesion was found.
    public var lesionMask: [UInt8] { packed.map { $0 & Self.lesion == 0 ? 0 : 1 } }

    public func isLung(_ index: Int) -> Bool { packed[index] & 3 != 0 }
    public func isLesion(_ index: Int) -> Bool { packed[index] & Self.lesion != 0 }
}
