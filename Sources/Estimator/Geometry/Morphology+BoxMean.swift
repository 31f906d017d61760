extension Morphology {
    /// Mean over a (2 rx + 1) × (2 ry + 1) box, clipped at the frame.
    ///
    /// HU are whole numbers, so the box sums are exact in integers: sliding column and row sums give
    /// the same sums (and, divided in Double, the same means) as a summed-area table, with less memory.
    /// Other values take the summed-area table.
    static func boxMean(_ values: [Float], shape: PlaneShape, radiusMM r: Double) -> [Float] {
        let rx = Int((r / shape.spacingX).rounded()), ry = Int((r / shape.spacingY).rounded())
        if rx == 0 && ry == 0 { return values }
        var whole = [Int32](repeating: 0, count: values.count)
        var integral = true
        values.withUnsafeBufferPointer { values in
            whole.withUnsafeMutableBufferPointer { whole in
                for i in 0..<values.count {
                    let value = values[i]
                    // Far beyond any HU; keeps the conversion in range.
                    guard abs(value) < Float(1_000_000) else { integral = false; return }
                    let rounded = Int32(value)
                    whole[i] = rounded
                    if Float(rounded) != value { integral = false }
                }
            }
        }
        return integral
            ? integerBoxMean(whole, shape: shape, rx: rx, ry: ry)
            : summedAreaBoxMean(values, shape: shape, rx: rx, ry: ry)
    }

    /// `boxMean` of whole HU.
    static func boxMean(_ hu: [Int16], shape: PlaneShape, radiusMM r: Double) -> [Float] {
        let rx = Int((r / shape.spacingX).rounded()), ry = Int((r / shape.spacingY).rounded())
        if rx == 0 && ry == 0 { return hu.map(Float.init) }
        return integerBoxMean(hu.map(Int32.init), shape: shape, rx: rx, ry: ry)
    }

    /// `crop.extract(boxMean(hu, shape: shape, radiusMM: r))`, computing only the crop's means (the
    /// boxes still reach outside the crop and are clipped at the slice's frame, not the crop's).
    static func boxMean(_ hu: [Int16], shape: PlaneShape, radiusMM r: Double, in crop: PlaneCrop) -> [Float] {
        let rx = Int((r / shape.spacingX).rounded()), ry = Int((r / shape.spacingY).rounded())
        if rx == 0 && ry == 0 { return crop.extract(hu).map(Float.init) }
        // The columns any box of the crop reads.
        let first = max(0, crop.x0 - rx), last = min(shape.width - 1, crop.x0 + crop.shape.width - 1 + rx)
        let span = last - first + 1
        // The sums of any span of columns over 2 ry + 1 rows of Int16 fit 32 bits for any usual slice;
        // 32-bit sums vectorise twice as wide.
        return (2 * ry + 1) * (span + 1) * (1 << 15) < Int(Int32.max)
            ? cropBoxMean(hu, shape: shape, rx: rx, ry: ry, in: crop, first: first, span: span, sum: Int32.self)
            : cropBoxMean(hu, shape: shape, rx: rx, ry: ry, in: crop, first: first, span: span, sum: Int.self)
    }

    private static func cropBoxMean<Sum: FixedWidthInteger & SignedInteger>(
        _ hu: [Int16], shape: PlaneShape, rx: Int, ry: Int, in crop: PlaneCrop, first: Int, span: Int, sum: Sum.Type
    ) -> [Float] {
        let w = shape.width, h = shape.height
        let width = crop.shape.width, height = crop.shape.height
        var columnSums = [Sum](repeating: 0, count: span)
        var prefix = [Sum](repeating: 0, count: span + 1)
        // A division per pixel was most of the cost. The mean is a quotient s / n of whole numbers
        // with |s / n| < 2^15 (Int16 HU); in Float it is the same whether the Double quotient or the
        // Double product s · (1 / n) is rounded (each within 2^-52 of s / n, relative): a float midpoint
        // m / 2^j (m odd, j ≥ 10 in that range) is either s / n itself, which needs 2^j to divide n, or
        // at least 2^-25 / n away, relative. So the product is used for boxes under 1024 pixels.
        let exactByReciprocal = (2 * rx + 1) * (2 * ry + 1) < 1024
        let reciprocals = UnsafeMutablePointer<Double>.allocate(capacity: 2 * rx + 2)
        defer { reciprocals.deallocate() }
        return [Float](unsafeUninitializedCapacity: crop.shape.count) { result, initialized in
            hu.withUnsafeBufferPointer { hu in
                columnSums.withUnsafeMutableBufferPointer { columnSums in
                    prefix.withUnsafeMutableBufferPointer { prefix in
                        func add(row y: Int) {
                            let base = y * w + first
                            for x in 0..<span { columnSums[x] &+= Sum(truncatingIfNeeded: hu[base + x]) }
                        }
                        func subtract(row y: Int) {
                            let base = y * w + first
                            for x in 0..<span { columnSums[x] &-= Sum(truncatingIfNeeded: hu[base + x]) }
                        }
                        for y in max(0, crop.y0 - ry)...min(h - 1, crop.y0 + ry) { add(row: y) }
                        for row in 0..<height {
                            let y = crop.y0 + row
                            if row > 0 {
                                let entering = y + ry, leaving = y - ry - 1
                                if entering < h { add(row: entering) }
                                if leaving >= 0 { subtract(row: leaving) }
                            }
                            for x in 0..<span { prefix[x + 1] = prefix[x] &+ columnSums[x] }
                            let rows = min(h - 1, y + ry) - max(0, y - ry) + 1
                            if exactByReciprocal {
                                for columns in 1...(2 * rx + 1) { reciprocals[columns] = 1 / Double(columns * rows) }
                            }
                            func mean(_ column: Int) -> Float {
                                let x = crop.x0 + column
                                let x0 = max(0, x - rx), x1 = min(w - 1, x + rx)
                                let sum = prefix[x1 - first + 1] &- prefix[x0 - first]
                                return exactByReciprocal
                                    ? Float(Double(sum) * reciprocals[x1 - x0 + 1])
                                    : Float(Double(sum) / Double((x1 - x0 + 1) * rows))
                            }
                            // Columns whose box lies inside the frame share one divisor: the same
                            // quotient as `mean`, without clipping per pixel.
                            let innerStart = min(width, max(0, rx - crop.x0))
                            let inner = innerStart..<max(innerStart, min(width, w - rx - crop.x0))
                            let target = result.baseAddress! + row * width
                            for column in 0..<inner.lowerBound { target[column] = mean(column) }
                            if exactByReciprocal {
                                let reciprocal = reciprocals[2 * rx + 1]
                                let low = prefix.baseAddress! + (crop.x0 - rx - first), high = low + (2 * rx + 1)
                                for column in inner { target[column] = Float(Double(high[column] &- low[column]) * reciprocal) }
                            } else {
                                for column in inner { target[column] = mean(column) }
                            }
                            for column in inner.upperBound..<width { target[column] = mean(column) }
                        }
                    }
                }
            }
            initialized = crop.shape.count
        }
    }

    private static func integerBoxMean(_ values: [Int32], shape: PlaneShape, rx: Int, ry: Int) -> [Float] {
        let w = shape.width, h = shape.height
        var columnSums = [Int](repeating: 0, count: w)
        var prefix = [Int](repeating: 0, count: w + 1)
        return [Float](unsafeUninitializedCapacity: shape.count) { result, initialized in
            values.withUnsafeBufferPointer { values in
                columnSums.withUnsafeMutableBufferPointer { columnSums in
                    prefix.withUnsafeMutableBufferPointer { prefix in
                        for y in 0..<min(h, ry + 1) {
                            for x in 0..<w { columnSums[x] += Int(values[y * w + x]) }
                        }
                        for y in 0..<h {
                            if y > 0 {
                                let entering = y + ry, leaving = y - ry - 1
                                if entering < h { for x in 0..<w { columnSums[x] += Int(values[entering * w + x]) } }
                                if leaving >= 0 { for x in 0..<w { columnSums[x] -= Int(values[leaving * w + x]) } }
                            }
                            for x in 0..<w { prefix[x + 1] = prefix[x] + columnSums[x] }
                            let rows = min(h - 1, y + ry) - max(0, y - ry) + 1
                            for x in 0..<w {
                                let x0 = max(0, x - rx), x1 = min(w - 1, x + rx)
                                let sum = prefix[x1 + 1] - prefix[x0]
                                result[y * w + x] = Float(Double(sum) / Double((x1 - x0 + 1) * rows))
                            }
                        }
                    }
                }
            }
            initialized = shape.count
        }
    }

    private static func summedAreaBoxMean(_ values: [Float], shape: PlaneShape, rx: Int, ry: Int) -> [Float] {
        let w = shape.width, h = shape.height
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
