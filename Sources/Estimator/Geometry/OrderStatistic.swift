/// The k-th smallest of a set of values without sorting all of them (Hoare's selection): medians of
/// parenchyma samples are taken per slice and band, and sorting them whole was a hot spot.
enum OrderStatistic {
    /// The value `values.sorted()[k]` holds; `values` is left reordered. NaN is not allowed.
    static func select(_ values: inout [Float], k: Int) -> Float {
        values.withUnsafeMutableBufferPointer { select($0, k: k) }
    }

    /// `select` in place in a buffer (a part of a larger one).
    static func select(_ v: UnsafeMutableBufferPointer<Float>, k: Int) -> Float {
        precondition(k >= 0 && k < v.count, "k must index the values")
        var low = 0, high = v.count - 1
        // Past this many rounds the pivots are being unlucky: the rest is sorted instead.
        var rounds = 2 * (Int.bitWidth - v.count.leadingZeroBitCount) + 8
        while low < high {
            if rounds == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: v[low...high])
                rest.sort()
                break
            }
            rounds -= 1
            let pivot = medianOfThree(v[low], v[low + (high - low) / 2], v[high])
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now v[low…j] ≤ pivot ≤ v[i…high], and anything between equals the pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                break
            }
        }
        return v[k]
    }

    @inline(__always)
    private static func medianOfThree(_ a: Float, _ b: Float, _ c: Float) -> Float {
        max(min(a, b), min(max(a, b), c))
    }
}
