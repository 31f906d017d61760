/// Binary morphology with disk-shaped structuring elements of physical radius, via distance transforms.
enum Morphology {
    /// Only the mask's bounding box grown by the radius can be reached, so only that part is transformed.
    static func dilate(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        guard let crop = PlaneCrop(around: mask, in: shape, marginMM: r) else { return [Bool](repeating: false, count: shape.count) }
        let reached = DistanceTransform.within(r * r + 1e-9, of: crop.extract(mask), featureValue: true, shape: crop.shape)
        return crop.embed(reached, outside: false)
    }

    /// Only the mask's bounding box can survive. It is transformed with a ring of background around it,
    /// which is never farther from a pixel inside than the background beyond the ring, so the crop
    /// sees the same nearest background as the whole slice.
    static func erode(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        guard let crop = PlaneCrop(around: mask, in: shape, marginMM: 0) else { return [Bool](repeating: false, count: shape.count) }
        return crop.embed(eroded(crop.extract(mask), in: crop, radiusMM: r), outside: false)
    }

    /// The dilation's crop already holds all of its result with a ring of background (its margin is
    /// wider than the reach), so the erosion runs in the same crop.
    static func close(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        guard let crop = PlaneCrop(around: mask, in: shape, marginMM: r) else { return [Bool](repeating: false, count: shape.count) }
        let dilated = DistanceTransform.within(r * r + 1e-9, of: crop.extract(mask), featureValue: true, shape: crop.shape)
        return crop.embed(eroded(dilated, in: crop, radiusMM: r), outside: false)
    }

    /// Erosion of `mask` (crop frame), whose crop holds every true pixel of the slice's mask with
    /// background or the slice's frame around them.
    private static func eroded(_ mask: [Bool], in crop: PlaneCrop, radiusMM r: Double) -> [Bool] {
        let shape = crop.parent
        // Within reach of the outside is what erodes away.
        var result = DistanceTransform.within(r * r + 1e-9, of: mask, featureValue: false, shape: crop.shape)
        let w = shape.width, h = shape.height
        // Pixels on the frame border erode as if the frame continued with background.
        let borderLimit = r + 1e-9
        let nearColumn = (0..<crop.shape.width).map { column in
            let x = crop.x0 + column
            return min(Double(x + 1) * shape.spacingX, Double(w - x) * shape.spacingX) <= borderLimit
        }
        nearColumn.withUnsafeBufferPointer { nearColumn in
            result.withUnsafeMutableBufferPointer { result in
                for row in 0..<crop.shape.height {
                    let y = crop.y0 + row
                    let nearRow = min(Double(y + 1) * shape.spacingY, Double(h - y) * shape.spacingY) <= borderLimit
                    let start = row * crop.shape.width
                    if nearRow {
                        for x in 0..<crop.shape.width { result[start + x] = false }
                    } else {
                        for x in 0..<crop.shape.width { result[start + x] = !(result[start + x] || nearColumn[x]) }
                    }
                }
            }
        }
        return result
    }

    /// Opening that always reaches at least the neighbouring pixels: on coarse grids a radius below
    /// the pixel size would otherwise remove nothing, and one-pixel structures (vessels, the smoothed
    /// rim at the lung border) would survive.
    static func open(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        let radius = max(r, max(shape.spacingX, shape.spacingY) * 1.0001)
        return dilate(erode(mask, shape: shape, radiusMM: radius), shape: shape, radiusMM: radius)
    }

    /// Sets every background pixel not 4-connected to the frame border: enclosed holes.
    ///
    /// Span filling: each popped seed is extended along its row, and the rows above and below are
    /// scanned once over the span for the starts of unvisited runs.
    /// Background beyond the mask's bounding box reaches the border in a straight line, so only the box
    /// with a ring of background is filled.
    static func fillHoles(_ mask: [Bool], shape: PlaneShape) -> [Bool] {
        guard let crop = PlaneCrop(around: mask, in: shape, marginMM: 0) else { return [Bool](repeating: false, count: shape.count) }
        return crop.embed(fillCroppedHoles(crop.extract(mask), shape: crop.shape), outside: false)
    }

    private static func fillCroppedHoles(_ mask: [Bool], shape: PlaneShape) -> [Bool] {
        let w = shape.width, h = shape.height
        var outside = [Bool](repeating: false, count: shape.count)
        var stack: [Int] = []
        stack.reserveCapacity(2 * (w + h))
        mask.withUnsafeBufferPointer { mask in
            outside.withUnsafeMutableBufferPointer { outside in
                func open(_ i: Int) -> Bool { !mask[i] && !outside[i] }
                for x in 0..<w { stack.append(x); stack.append((h - 1) * w + x) }
                for y in 0..<h { stack.append(y * w); stack.append(y * w + w - 1) }
                while let seed = stack.popLast() {
                    guard open(seed) else { continue }
                    let y = seed / w, row = y * w
                    var left = seed - row, right = left
                    while left > 0 && open(row + left - 1) { left -= 1 }
                    while right < w - 1 && open(row + right + 1) { right += 1 }
                    for x in left...right { outside[row + x] = true }
                    for neighbour in stride(from: y - 1, through: y + 1, by: 2) where neighbour >= 0 && neighbour < h {
                        let base = neighbour * w
                        var inRun = false
                        for x in left...right {
                            let isOpen = open(base + x)
                            if isOpen && !inRun { stack.append(base + x) }
                            inRun = isOpen
                        }
                    }
                }
            }
        }
        // Through a buffer: an indexed toggle was almost half of the filling.
        outside.withUnsafeMutableBufferPointer { outside in
            for i in outside.indices { outside[i] = !outside[i] }
        }
        return outside
    }
}
