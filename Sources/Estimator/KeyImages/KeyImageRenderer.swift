import VolumeIO

/// Renders the three axial slices with the most lesion area and one coronal reformat at lung window
/// (W 1500 / L −600), lesions tinted red, the lung outline in yellow.
public struct KeyImageRenderer: Sendable {
    public var windowWidth = 1500.0
    public var windowLevel = -600.0
    public var lesionOpacity = 0.45

    public init() {}

    /// The axial slices (canonical, inferior → superior) `render` would pick: most lesion first.
    public func keySlices(_ volume: Volume, masks: SegmentationMasks, axialCount: Int = 3) -> [Int] {
        let grid = CanonicalGrid(volume: volume)
        var lesionArea = [Int](repeating: 0, count: grid.size.z)
        var lungArea = [Int](repeating: 0, count: grid.size.z)
        for z in 0..<grid.size.z {
            for label in masks.slices[z].values {
                if label & SegmentationMasks.lesion != 0 { lesionArea[z] += 1 }
                if label & 3 != 0 { lungArea[z] += 1 }
            }
        }
        // Most lesion first; with no lesion, the slices with most lung.
        let ranked = (0..<grid.size.z).sorted {
            (lesionArea[$0], lungArea[$0], -$0) > (lesionArea[$1], lungArea[$1], -$1)
        }
        return Array(ranked.prefix(axialCount))
    }

    /// Key images; `slices` overrides the choice (e.g. to show an estimate on the truth's slices).
    public func render(_ volume: Volume, masks: SegmentationMasks, axialCount: Int = 3, slices: [Int]? = nil) -> [KeyImage] {
        let grid = CanonicalGrid(volume: volume)
        let chosen = slices ?? keySlices(volume, masks: masks, axialCount: axialCount)
        var images = chosen.map { z in
            axial(volume: volume, masks: masks, grid: grid, z: z)
        }
        let coronalY = coronalRow(masks: masks)
        images.append(coronal(volume: volume, masks: masks, grid: grid, y: coronalY))
        return images
    }

    private func axial(volume: Volume, masks: SegmentationMasks, grid: CanonicalGrid, z: Int) -> KeyImage {
        let w = grid.size.x, h = grid.size.y
        let indices = (0..<h).flatMap { y in (0..<w).map { x in grid.index(x, y, z) } }
        let labels = (0..<h).flatMap { y in (0..<w).map { x in masks.label(x, y, z) } }
        return compose(name: "axial_\(z)", width: w, height: h, indices: indices, labels: labels, volume: volume)
    }

    /// Coronal plane through the row with most lung, rows resampled to square pixels, superior at top.
    private func coronal(volume: Volume, masks: SegmentationMasks, grid: CanonicalGrid, y: Int) -> KeyImage {
        let w = grid.size.x
        let h = max(1, Int((Double(grid.size.z) * grid.spacing.z / grid.spacing.x).rounded()))
        var indices: [Int] = [], labels: [UInt8] = []
        indices.reserveCapacity(w * h)
        labels.reserveCapacity(w * h)
        for row in 0..<h {
            let z = min(grid.size.z - 1, max(0, grid.size.z - 1 - Int(Double(row) * grid.spacing.x / grid.spacing.z)))
            for x in 0..<w {
                indices.append(grid.index(x, y, z))
                labels.append(masks.label(x, y, z))
            }
        }
        return compose(name: "coronal_\(y)", width: w, height: h, indices: indices, labels: labels, volume: volume)
    }

    /// Counted on the masks' own (analysis) rows: every input row of a block row has the same count
    /// but for the lung border.
    private func coronalRow(masks: SegmentationMasks) -> Int {
        var counts = [Int](repeating: 0, count: masks.grid.size.y)
        for plane in masks.slices where !plane.isEmpty {
            for y in 0..<plane.height {
                for x in 0..<plane.width where plane.values[y * plane.width + x] & 3 != 0 { counts[plane.y0 + y] += 1 }
            }
        }
        // The first row with the most lung (`max` keeps the first of equals).
        let best = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        return masks.grid.block(0, best).ys.lowerBound
    }

    /// `indices` are the pixels' voxels in the volume's array, `labels` their mask labels.
    private func compose(name: String, width: Int, height: Int, indices: [Int], labels: [UInt8], volume: Volume) -> KeyImage {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let low = windowLevel - windowWidth / 2
        for p in 0..<indices.count {
            let index = indices[p]
            let grey = min(255, max(0, (Double(volume.voxels[index]) - low) / windowWidth * 255))
            var color = SIMD3(grey, grey, grey)
            if labels[p] & SegmentationMasks.lesion != 0 { color = color * (1 - lesionOpacity) + SIMD3(255, 0, 0) * lesionOpacity }
            if isContour(p, width: width, height: height, labels: labels) { color = SIMD3(255, 220, 0) }
            rgb[3 * p] = UInt8(color.x.rounded()); rgb[3 * p + 1] = UInt8(color.y.rounded()); rgb[3 * p + 2] = UInt8(color.z.rounded())
        }
        return KeyImage(name: name, width: width, height: height, rgb: rgb)
    }

    private func isContour(_ p: Int, width: Int, height: Int, labels: [UInt8]) -> Bool {
        guard labels[p] & 3 != 0 else { return false }
        let x = p % width, y = p / width
        for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
            let nx = x + dx, ny = y + dy
            if nx < 0 || ny < 0 || nx >= width || ny >= height { return true }
            if labels[ny * width + nx] & 3 == 0 { return true }
        }
        return false
    }
}
