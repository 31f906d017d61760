/// Overlap statistics between two binary masks on the same grid (non-zero = inside).
public enum Dice {
    /// 2 |A ∩ B| / (|A| + |B|); nil when both masks are empty (overlap undefined).
    public static func coefficient(_ a: [UInt8], _ b: [UInt8]) -> Double? {
        precondition(a.count == b.count, "masks must be on the same grid")
        var both = 0, sizeA = 0, sizeB = 0
        for i in 0..<a.count {
            let inA = a[i] != 0, inB = b[i] != 0
            if inA { sizeA += 1 }
            if inB { sizeB += 1 }
            if inA && inB { both += 1 }
        }
        return sizeA + sizeB == 0 ? nil : 2 * Double(both) / Double(sizeA + sizeB)
    }
}
