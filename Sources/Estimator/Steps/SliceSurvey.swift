/// What the first pass learns about one axial slice: the body outline and the air-like regions inside it.
struct SliceSurvey: Sendable {
    struct AirRegion: Sendable {
        var area: Int
        var centroidX: Double
        var centroidY: Double
        var minX: Int, maxX: Int, minY: Int, maxY: Int
        var meanHU: Double
    }

    /// Air-region label per pixel (0 = none), canonical slice order.
    var labels: LabelRuns
    /// `regions[label - 1]`.
    var regions: [AirRegion]
    /// Body area in pixels (0 when no body was found).
    var bodyArea: Int
    var bodyMinX: Int
    var bodyMaxX: Int

    var bodyCenterX: Double { Double(bodyMinX + bodyMaxX) / 2 }
    var bodyWidth: Int { bodyArea > 0 ? bodyMaxX - bodyMinX + 1 : 0 }
}
