import VolumeIO

/// A zero-copy view of a volume in patient coordinates: x toward the patient's left, y toward
/// posterior, z toward superior (LPS with S up), whatever the array order of the file.
///
/// Slices along z are axial, x = 0 is the patient's right side, and larger y is dependent in a
/// supine patient. Every step works in this frame; results are written back through `index`.
struct CanonicalGrid: Sendable {
    let size: SIMD3<Int>
    let spacing: SIMD3<Double>
    private let origin: Int
    private let stride: SIMD3<Int>

    init(dims: SIMD3<Int>, spacing inputSpacing: SIMD3<Double>, orientation: Orientation) {
        let inputStrides = [1, dims.x, dims.x * dims.y]
        let inputDims = [dims.x, dims.y, dims.z]
        let inputSpacing = [inputSpacing.x, inputSpacing.y, inputSpacing.z]
        // Canonical axis c is fed by the input axis whose direction code is on the same world line.
        let targets: [(positive: Orientation.Direction, negative: Orientation.Direction)] = [
            (.left, .right), (.posterior, .anterior), (.superior, .inferior),
        ]
        var size = SIMD3<Int>(1, 1, 1)
        var spacing = SIMD3<Double>(1, 1, 1)
        var stride = SIMD3<Int>(0, 0, 0)
        var origin = 0
        for (canonical, target) in targets.enumerated() {
            let axis = orientation.axes.firstIndex { $0 == target.positive || $0 == target.negative } ?? canonical
            size[canonical] = inputDims[axis]
            spacing[canonical] = inputSpacing[axis]
            if orientation.axes[axis] == target.positive {
                stride[canonical] = inputStrides[axis]
            } else {
                stride[canonical] = -inputStrides[axis]
                origin += (inputDims[axis] - 1) * inputStrides[axis]
            }
        }
        self.size = size
        self.spacing = spacing
        self.stride = stride
        self.origin = origin
    }

    init(volume: Volume) {
        self.init(dims: volume.dims, spacing: volume.spacing, orientation: volume.orientation)
    }

    var sliceArea: Int { size.x * size.y }
    var planeShape: PlaneShape { PlaneShape(width: size.x, height: size.y, spacingX: spacing.x, spacingY: spacing.y) }

    /// Largest input index of canonical slice `z`: the slice can be read once the input is decoded past it.
    func lastIndex(ofSlice z: Int) -> Int {
        origin + z * stride.z + max(0, (size.x - 1) * stride.x) + max(0, (size.y - 1) * stride.y)
    }
    var voxelVolumeML: Double { spacing.x * spacing.y * spacing.z / 1000 }
    var pixelAreaMM2: Double { spacing.x * spacing.y }

    /// Index into the input voxel array of canonical voxel (x, y, z).
    @inline(__always)
    func index(_ x: Int, _ y: Int, _ z: Int) -> Int {
        origin + x * stride.x + y * stride.y + z * stride.z
    }

    /// Copies one axial slice into canonical row-major order (x fastest).
    func slice<T>(_ z: Int, of values: [T]) -> [T] {
        values.withUnsafeBufferPointer { slice(z, of: $0) }
    }

    func slice<T>(_ z: Int, of source: UnsafeBufferPointer<T>) -> [T] {
        [T](unsafeUninitializedCapacity: sliceArea) { result, initialized in
            for y in 0..<size.y {
                let row = origin + y * stride.y + z * stride.z
                let target = y * size.x
                if stride.x == 1 {
                    for x in 0..<size.x { (result.baseAddress! + target + x).initialize(to: source[row + x]) }
                } else {
                    for x in 0..<size.x { (result.baseAddress! + target + x).initialize(to: source[row + x * stride.x]) }
                }
            }
            initialized = sliceArea
        }
    }
}
