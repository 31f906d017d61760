/// A slice-sized array kept only over the rows holding non-zero values (whole rows, so a pixel index
/// maps to the band by one subtraction). Holding air labels for every slice this way costs the rows the
/// air spans, not a second volume.
struct RowBand<Value: FixedWidthInteger & Sendable>: Sendable {
    /// Index in the slice of the band's first value.
    let offset: Int
    let values: [Value]

    init(_ full: [Value], width: Int) {
        let first = full.firstIndex { $0 != 0 }
        let last = full.lastIndex { $0 != 0 }
        guard let first, let last else {
            offset = 0
            values = []
            return
        }
        let start = first / width * width, end = (last / width + 1) * width
        offset = start
        values = Array(full[start..<end])
    }

    /// The same band as `init(crop.embed(cropped, outside: 0), width:)`, without the whole slice.
    init(_ cropped: [Value], in crop: PlaneCrop) {
        let width = crop.shape.width
        let first = cropped.firstIndex { $0 != 0 }
        let last = cropped.lastIndex { $0 != 0 }
        guard let first, let last else {
            offset = 0
            values = []
            return
        }
        let firstRow = first / width, lastRow = last / width
        let sliceWidth = crop.parent.width
        offset = (crop.y0 + firstRow) * sliceWidth
        var values = [Value](repeating: 0, count: (lastRow - firstRow + 1) * sliceWidth)
        values.withUnsafeMutableBufferPointer { values in
            cropped.withUnsafeBufferPointer { cropped in
                for row in firstRow...lastRow {
                    let target = (row - firstRow) * sliceWidth + crop.x0
                    for x in 0..<width { values[target + x] = cropped[row * width + x] }
                }
            }
        }
        self.values = values
    }

    /// The value at slice index `i` (zero outside the band).
    @inline(__always)
    subscript(i: Int) -> Value {
        let j = i &- offset
        return j >= 0 && j < values.count ? values[j] : 0
    }

    /// Slice indices the band covers.
    var indices: Range<Int> { offset..<(offset + values.count) }
}
