/// Sees the voxels of a file arrive while it is decoded, so work on the first slices can run on another
/// core while the rest is still being inflated.
///
/// The reader calls `begin` once the header is read, `decoded` as leading voxels become final, and `end`
/// last, before the buffer becomes the volume's array (also when decoding fails). `end` must not return
/// while anything still reads through the pointer `begin` gave.
public protocol VoxelWatcher: AnyObject {
    /// - Parameter voxels: where the voxels are decoded; valid until `end` returns, and only
    ///   `voxels[0..<count]` after `decoded(count)` may be read.
    func begin(dims: SIMD3<Int>, spacing: SIMD3<Double>, affine: Affine, voxels: UnsafeBufferPointer<Int16>)
    /// The first `count` voxels are final.
    func decoded(_ count: Int)
    /// Decoding is over: `complete` is false when it failed.
    func end(complete: Bool)
}
