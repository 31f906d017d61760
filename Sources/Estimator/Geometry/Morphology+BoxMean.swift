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
