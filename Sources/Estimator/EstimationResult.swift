/// Everything the estimator concludes about one study; the masks let callers export and render.
public struct EstimationResult: Sendable {
    public var lungML: Double
    public var lesionML: Double
    public var rightLungML: Double
    public var leftLungML: Double
    public var rightLesionML: Double
    public var leftLesionML: Double
    /// Provisional category; nil when no lungs were found.
    public var category: CTCategory?
    public var flags: [QualityFlag]
    /// Labels on the input grid (same index order as `Volume.voxels`).
    public var masks: SegmentationMasks

    public var involvementPercent: Double { Self.percent(lesionML, of: lungML) }
    public var rightInvolvementPercent: Double { Self.percent(rightLesionML, of: rightLungML) }
    public var leftInvolvementPercent: Double { Self.percent(leftLesionML, of: leftLungML) }

    static func percent(_ part: Double, of whole: Double) -> Double {
        whole > 0 ? 100 * part / whole : 0
    }
}
