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

    init(_ mask: [Bool], shape: PlaneShape) {
        let w = shape.width, h = shape.height
        var labels = [Int32](repeating: 0, count: shape.count)
        var components: [Component] = []
        var stack = [Int](repeating: 0, count: shape.count)
        mask.withUnsafeBufferPointer { mask in
            labels.withUnsafeMutableBufferPointer { labels in
                stack.withUnsafeMutableBufferPointer { stack in
                    for seed in 0..<shape.count where mask[seed] && labels[seed] == 0 {
                        let label = Int32(components.count + 1)
                        var component = Component()
                        labels[seed] = label
                        stack[0] = seed
                        var top = 1
                        while top > 0 {
                            top -= 1
                            let i = stack[top]
                            let x = i % w, y = i / w
                            component.area += 1
                            component.sumX += Double(x)
                            component.sumY += Double(y)
                            component.minX = min(component.minX, x); component.maxX = max(component.maxX, x)
                            component.minY = min(component.minY, y); component.maxY = max(component.maxY, y)
                            let x0 = max(0, x - 1), x1 = min(w - 1, x + 1)
                            for ny in max(0, y - 1)...min(h - 1, y + 1) {
                                for nx in x0...x1 {
                                    let j = ny * w + nx
                                    if mask[j] && labels[j] == 0 { labels[j] = label; stack[top] = j; top += 1 }
                                }
                            }
                        }
                        components.append(component)
                    }
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
