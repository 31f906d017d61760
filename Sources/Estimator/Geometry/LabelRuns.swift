/// One slice's region labels as runs of equal non-zero values along rows. The air labels of every
/// slice are held until the envelopes are built; as runs they cost 10 bytes a run (about one per lung
/// and row) instead of 2 bytes a pixel of every row with air (6.5 MiB for a 512×512×40 study).
struct LabelRuns: Sendable {
    /// Slice index of each run's first pixel, ascending; runs never cross a row end.
    private let starts: [Int32]
    private let lengths: [Int32]
    private let values: [UInt16]

    static let empty = LabelRuns(starts: [], lengths: [], values: [])

    private init(starts: [Int32], lengths: [Int32], values: [UInt16]) {
        self.starts = starts
        self.lengths = lengths
        self.values = values
    }

    init(_ full: [UInt16], width: Int) {
        self.init(full, width: width, sliceIndex: { $0 })
    }

    /// The runs of labels found on `crop` of a slice, indexed in the whole slice.
    init(_ cropped: [UInt16], in crop: PlaneCrop) {
        self.init(cropped, width: crop.shape.width, sliceIndex: crop.parentIndex)
    }

    /// Runs of `plane` (rows of `width`), each start mapped to its index in the slice.
    private init(_ plane: [UInt16], width: Int, sliceIndex: (Int) -> Int) {
        var starts: [Int32] = [], lengths: [Int32] = [], values: [UInt16] = []
        plane.withUnsafeBufferPointer { plane in
            var rowStart = 0
            while rowStart < plane.count {
                let rowEnd = min(plane.count, rowStart + width)
                var i = rowStart
                while i < rowEnd {
                    let value = plane[i]
                    var end = i + 1
                    while end < rowEnd && plane[end] == value { end += 1 }
                    if value != 0 {
                        starts.append(Int32(sliceIndex(i)))
                        lengths.append(Int32(end - i))
                        values.append(value)
                    }
                    i = end
                }
                rowStart = rowEnd
            }
        }
        self.init(starts: starts, lengths: lengths, values: values)
    }

    var isEmpty: Bool { values.isEmpty }

    /// Calls `body` with each run's slice indices and label, in slice order.
    @inline(__always)
    func forEachRun(_ body: (Range<Int>, UInt16) -> Void) {
        for run in values.indices {
            let start = Int(starts[run])
            body(start..<(start + Int(lengths[run])), values[run])
        }
    }

    /// Calls `body` with the labels of each pair of runs, one from each plane, that share a pixel, in
    /// slice order of the shared pixels.
    func forEachOverlap(with other: LabelRuns, _ body: (UInt16, UInt16) -> Void) {
        var a = 0, b = 0
        while a < values.count && b < other.values.count {
            let startA = Int(starts[a]), endA = startA + Int(lengths[a])
            let startB = Int(other.starts[b]), endB = startB + Int(other.lengths[b])
            if max(startA, startB) < min(endA, endB) { body(values[a], other.values[b]) }
            if endA <= endB { a += 1 } else { b += 1 }
        }
    }
}
