/// Bounds that keep a hostile or broken file from costing unbounded memory or time.
public struct DICOMLimits: Sendable, Equatable {
    /// Largest Rows or Columns accepted (CT is 512, sometimes 1024).
    public var maxDimension: Int
    /// Largest data set a deflated file may inflate to.
    public var maxInflatedBytes: Int
    /// Deepest nesting of undefined-length sequences walked before the file is refused.
    public var maxSequenceDepth: Int
    /// Most instances one series assembly accepts.
    public var maxSlices: Int

    public init(maxDimension: Int = 2048, maxInflatedBytes: Int = 64 << 20, maxSequenceDepth: Int = 16, maxSlices: Int = 4096) {
        self.maxDimension = maxDimension
        self.maxInflatedBytes = maxInflatedBytes
        self.maxSequenceDepth = maxSequenceDepth
        self.maxSlices = maxSlices
    }
}
