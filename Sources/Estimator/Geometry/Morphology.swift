/// Binary morphology with disk-shaped structuring elements of physical radius, via distance transforms.
enum Morphology {
    static func dilate(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        DistanceTransform.within(r * r + 1e-9, of: mask, featureValue: true, shape: shape)
    }

    static func erode(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        // Within reach of the outside is what erodes away.
        var result = DistanceTransform.within(r * r + 1e-9, of: mask, featureValue: false, shape: shape)
        let w = shape.width, h = shape.height
        // Pixels on the frame border erode as if the frame continued with background.
        let borderLimit = r + 1e-9
        let nearColumn = (0..<w).map { x in min(Double(x + 1) * shape.spacingX, Double(w - x) * shape.spacingX) <= borderLimit }
        result.withUnsafeMutableBufferPointer { result in
            for y in 0..<h {
                let nearRow = min(Double(y + 1) * shape.spacingY, Double(h - y) * shape.spacingY) <= borderLimit
                let row = y * w
                if nearRow {
                    for x in 0..<w { result[row + x] = false }
                } else {
                    for x in 0..<w { result[row + x] = !result[row + x] && !nearColumn[x] }
                }
            }
        }
        return result
    }

    static func close(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        erode(dilate(mask, shape: shape, radiusMM: r), shape: shape, radiusMM: r)
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
    static func fillHoles(_ mask: [Bool], shape: PlaneShape) -> [Bool] {
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
        for i in outside.indices { outside[i].toggle() }
        return outside
    }
}
