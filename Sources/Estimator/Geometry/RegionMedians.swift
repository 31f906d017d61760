/// The median of a value over each labelled region of a plane, gathered in one flat buffer: appending
/// pixel by pixel to an array per region was a hot spot of the envelope and diaphragm steps.
enum RegionMedians {
    /// `medians[label]` for labels `1…regionCount` (index 0 unused, nil), nil for a region without pixels;
    /// the same value as `LesionSegmenter.median` of the region's values, in whatever order.
    static func of(_ value: [Float], labels: [Int32], regionCount: Int) -> [Float?] {
        var offsets = [Int](repeating: 0, count: regionCount + 2)
        for label in labels where label != 0 { offsets[Int(label) + 1] += 1 }
        for label in 0...regionCount { offsets[label + 1] += offsets[label] }
        var next = offsets
        var gathered = [Float](unsafeUninitializedCapacity: offsets[regionCount + 1]) { buffer, initialized in
            for i in labels.indices where labels[i] != 0 {
                let label = Int(labels[i])
                buffer[next[label]] = value[i]
                next[label] += 1
            }
            initialized = offsets[regionCount + 1]
        }
        return gathered.withUnsafeMutableBufferPointer { all in
            (0...regionCount).map { label in
                let start = offsets[label], end = offsets[label + 1]
                guard label > 0, end > start else { return nil }
                return OrderStatistic.select(UnsafeMutableBufferPointer(rebasing: all[start..<end]), k: (end - start) / 2)
            }
        }
    }
}
