import VolumeIO

/// The canonical grid the pipeline works on: the input's axial slices with in-plane pixels averaged
/// in `binning` × `binning` blocks (slices are never merged).
///
/// Involvement is a share of lung volume and every step is set in millimetres, so pixels of up to
/// 1.75 mm keep what it needs — lesions of interest are centimetres across — while a 512-pixel slice
/// at 0.6–0.875 mm costs four times what it must. Averaging (not dropping pixels) also lowers noise.
struct AnalysisGrid: Sendable {
    /// The input at full resolution; results are written back through it.
    let fine: CanonicalGrid
    let binning: Int
    let size: SIMD3<Int>
    let spacing: SIMD3<Double>

    init(fine: CanonicalGrid, binning: Int) {
        precondition(binning >= 1, "binning is a whole number of pixels")
        self.fine = fine
        self.binning = binning
        let binned = { (count: Int) in (count + binning - 1) / binning }
        size = SIMD3(binned(fine.size.x), binned(fine.size.y), fine.size.z)
        spacing = SIMD3(fine.spacing.x * Double(binning), fine.spacing.y * Double(binning), fine.spacing.z)
    }

    /// The largest whole-pixel block no wider than `largestPixelMM` along either axis (at least one pixel).
    init(fine: CanonicalGrid, largestPixelMM: Double) {
        let coarsest = max(fine.spacing.x, fine.spacing.y)
        let ratio = coarsest > 0 && largestPixelMM.isFinite ? largestPixelMM / coarsest : 1
        self.init(fine: fine, binning: max(1, min(8, Int(ratio.rounded(.down)))))
    }

    init(volume: Volume, configuration: EstimatorConfiguration) {
        self.init(fine: CanonicalGrid(volume: volume), largestPixelMM: configuration.largestAnalysisPixelMM)
    }

    var sliceArea: Int { size.x * size.y }
    var planeShape: PlaneShape { PlaneShape(width: size.x, height: size.y, spacingX: spacing.x, spacingY: spacing.y) }
    var voxelVolumeML: Double { spacing.x * spacing.y * spacing.z / 1000 }
    var pixelAreaMM2: Double { spacing.x * spacing.y }

    /// Largest input index of slice `z`: the slice can be read once the input is decoded past it.
    func lastIndex(ofSlice z: Int) -> Int { fine.lastIndex(ofSlice: z) }

    /// The input pixels (full-resolution x, y) that block (x, y) covers.
    func block(_ x: Int, _ y: Int) -> (xs: Range<Int>, ys: Range<Int>) {
        (x * binning ..< min(fine.size.x, (x + 1) * binning), y * binning ..< min(fine.size.y, (y + 1) * binning))
    }

    /// One axial slice in canonical row-major order, each pixel the rounded mean of its block.
    func slice(_ z: Int, of values: [Int16]) -> [Int16] {
        values.withUnsafeBufferPointer { slice(z, of: $0) }
    }

    func slice(_ z: Int, of source: UnsafeBufferPointer<Int16>) -> [Int16] {
        guard binning > 1 else { return fine.slice(z, of: source) }
        let n = binning, width = size.x, fineWidth = fine.size.x
        let step = fine.index(1, 0, z) - fine.index(0, 0, z)
        var sums = [Int32](repeating: 0, count: width)
        return [Int16](unsafeUninitializedCapacity: sliceArea) { result, initialized in
            sums.withUnsafeMutableBufferPointer { sums in
                for y in 0..<size.y {
                    sums.update(repeating: 0)
                    let rows = block(0, y).ys
                    for fy in rows {
                        let row = source.baseAddress! + fine.index(0, fy, z)
                        if n == 2 {
                            // The usual case, without a division or a variable loop per pixel.
                            // Rows stored forwards or backwards (the usual orientations) get loops the
                            // compiler can vectorise; any other layout takes the general stride.
                            if step == 1 {
                                for x in 0..<fineWidth / 2 { sums[x] &+= Int32(row[2 &* x]) &+ Int32(row[2 &* x &+ 1]) }
                            } else if step == -1 {
                                for x in 0..<fineWidth / 2 { sums[x] &+= Int32(row[-2 &* x]) &+ Int32(row[-2 &* x &- 1]) }
                            } else {
                                for x in 0..<fineWidth / 2 { sums[x] &+= Int32(row[2 &* x &* step]) &+ Int32(row[(2 &* x &+ 1) &* step]) }
                            }
                            if fineWidth % 2 == 1 { sums[width - 1] += Int32(row[(fineWidth - 1) * step]) }
                        } else {
                            for x in 0..<width {
                                for fx in x * n ..< min(fineWidth, x * n + n) { sums[x] += Int32(row[fx * step]) }
                            }
                        }
                    }
                    let target = result.baseAddress! + y * width
                    // Whole 2 × 2 blocks divide by 4 with a shift; partial blocks at the far edges divide.
                    let wholeBlocks = n == 2 && rows.count == 2 ? fineWidth / 2 : 0
                    for x in 0..<wholeBlocks { (target + x).initialize(to: Int16(truncatingIfNeeded: (sums[x] &+ 2) >> 2)) }
                    for x in wholeBlocks..<width {
                        let count = Int32(block(x, y).xs.count * rows.count)
                        (target + x).initialize(to: Int16(Self.roundedQuotient(sums[x], count)))
                    }
                }
            }
            initialized = sliceArea
        }
    }

    /// `sum / count` to the nearest whole number, halves up, in integers (a floor division).
    @inline(__always)
    static func roundedQuotient(_ sum: Int32, _ count: Int32) -> Int32 {
        let numerator = 2 * sum + count, denominator = 2 * count
        return numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator)
    }
}
