/// Binary morphology with disk-shaped structuring elements of physical radius, via distance transforms.
enum Morphology {
    static func dilate(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        let distance = DistanceTransform.squaredDistance(to: mask, shape: shape)
        let limit = r * r + 1e-9
        return distance.map { $0 <= limit }
    }

    static func erode(_ mask: [Bool], shape: PlaneShape, radiusMM r: Double) -> [Bool] {
        let outside = mask.map { !$0 }
        let distance = DistanceTransform.squaredDistance(to: outside, shape: shape)
        let limit = r * r + 1e-9
        // Pixels on the frame border erode as if the frame continued with background.
        var result = distance.map { $0 > limit }
        let borderLimit = r + 1e-9
        for y in 0..<shape.height {
            for x in 0..<shape.width where result[y * shape.width + x] {
                let toBorder = min(
                    Double(x + 1) * shape.spacingX, Double(shape.width - x) * shape.spacingX,
                    Double(y + 1) * shape.spacingY, Double(shape.height - y) * shape.spacingY
                )
                if toBorder <= borderLimit { result[y * shape.width + x] = false }
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
    static func fillHoles(_ mask: [Bool], shape: PlaneShape) -> [Bool] {
        let w = shape.width, h = shape.height
        var outside = [Bool](repeating: false, count: shape.count)
        var stack = [Int](repeating: 0, count: shape.count)
        mask.withUnsafeBufferPointer { mask in
            outside.withUnsafeMutableBufferPointer { outside in
                stack.withUnsafeMutableBufferPointer { stack in
                    var top = 0
                    func push(_ i: Int) {
                        if !mask[i] && !outside[i] { outside[i] = true; stack[top] = i; top += 1 }
                    }
                    for x in 0..<w { push(x); push((h - 1) * w + x) }
                    for y in 0..<h { push(y * w); push(y * w + w - 1) }
                    while top > 0 {
                        top -= 1
                        let i = stack[top]
                        let x = i % w, y = i / w
                        if x > 0 { push(i - 1) }
                        if x < w - 1 { push(i + 1) }
                        if y > 0 { push(i - w) }
                        if y < h - 1 { push(i + w) }
                    }
                }
            }
        }
        return outside.map { !$0 }
    }

    /// Mean over a (2 rx + 1) × (2 ry + 1) box, clipped at the frame, via a summed-area table.
    static func boxMean(_ values: [Float], shape: PlaneShape, radiusMM r: Double) -> [Float] {
        let w = shape.width, h = shape.height
        let rx = Int((r / shape.spacingX).rounded()), ry = Int((r / shape.spacingY).rounded())
        if rx == 0 && ry == 0 { return values }
        var table = [Double](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var row = 0.0
            for x in 0..<w {
                row += Double(values[y * w + x])
                table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + row
            }
        }
        var result = [Float](repeating: 0, count: shape.count)
        for y in 0..<h {
            let y0 = max(0, y - ry), y1 = min(h - 1, y + ry)
            for x in 0..<w {
                let x0 = max(0, x - rx), x1 = min(w - 1, x + rx)
                let sum = table[(y1 + 1) * (w + 1) + x1 + 1] - table[y0 * (w + 1) + x1 + 1]
                    - table[(y1 + 1) * (w + 1) + x0] + table[y0 * (w + 1) + x0]
                result[y * w + x] = Float(sum / Double((x1 - x0 + 1) * (y1 - y0 + 1)))
            }
        }
        return result
    }
}
