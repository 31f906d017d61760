/// Connected components of a 2-D binary mask (8-connected), labelled 1…count in scan order.
struct ComponentLabeling: Sendable {
    struct Component: Sendable {
        var area = 0
        var sumX = 0.0
        var sumY = 0.0
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        var centroid: (x: Double, y: Double) { (sumX / Double(max(area, 1)), sumY / Double(max(area, 1))) }
    }

    /// 0 for background, else the component number.
    var labels: [Int32]
    /// `components[label - 1]`.
    var components: [Component]

    /// Span flood fill from each unlabelled pixel in scan order, so numbering follows each component's
    /// first pixel. Coordinate sums are whole numbers, exact in Double whatever the order they are added in.
    init(_ mask: [Bool], shape: PlaneShape) {
        let w = shape.width, h = shape.height
        var labels = [Int32](repeating: 0, count: shape.count)
        var components: [Component] = []
        var stack: [Int] = []
        mask.withUnsafeBufferPointer { mask in
            labels.withUnsafeMutableBufferPointer { labels in
                // Eight background pixels are passed over at a time (Bool is one byte, 0 or 1).
                let bytes = UnsafeRawPointer(mask.baseAddress)
                var seed = 0
                while seed < shape.count {
                    if let bytes, seed + 8 <= shape.count, bytes.loadUnaligned(fromByteOffset: seed, as: UInt64.self) == 0 {
                        seed += 8
                        continue
                    }
                    let first = seed
                    seed += 1
                    guard mask[first] && labels[first] == 0 else { continue }
                    let label = Int32(components.count + 1)
                    var component = Component()
                    stack.append(first)
                    while let start = stack.popLast() {
                        guard labels[start] == 0 else { continue }
                        let y = start / w, row = y * w
                        var left = start - row, right = left
                        while left > 0 && mask[row + left - 1] && labels[row + left - 1] == 0 { left -= 1 }
                        while right < w - 1 && mask[row + right + 1] && labels[row + right + 1] == 0 { right += 1 }
                        for x in left...right { labels[row + x] = label }
                        let count = right - left + 1
                        component.area += count
                        component.sumX += Double((left + right) * count / 2)
                        component.sumY += Double(y * count)
                        component.minX = min(component.minX, left); component.maxX = max(component.maxX, right)
                        component.minY = min(component.minY, y); component.maxY = max(component.maxY, y)
                        // Diagonal neighbours count: the rows above and below are scanned one pixel wider.
                        let x0 = max(0, left - 1), x1 = min(w - 1, right + 1)
                        for neighbour in stride(from: y - 1, through: y + 1, by: 2) where neighbour >= 0 && neighbour < h {
                            let base = neighbour * w
                            var inRun = false
                            for x in x0...x1 {
                                let isOpen = mask[base + x] && labels[base + x] == 0
                                if isOpen && !inRun { stack.append(base + x) }
                                inRun = isOpen
                            }
                        }
                    }
                    components.append(component)
                }
            }
        }
        self.labels = labels
        self.components = components
    }

    /// Label of the largest component, or nil when the mask is empty.
    var largestLabel: Int32? {
        components.indices.max { components[$0].area < components[$1].area }.map { Int32($0 + 1) }
    }
}
