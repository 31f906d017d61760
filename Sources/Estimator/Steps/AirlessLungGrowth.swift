/// Grows one lung's envelope into airless lung that reaches the chest wall: consolidation that
/// fills the lung out to the ribs has no aerated lung beyond it, so no closing can bring it back.
///
/// From the envelope, a flood fill takes in tissue whose wide mean is at most the top of airless lung
/// (`dependentMaximumMeanHU`; unenhanced muscle, liver and blood read 40–60 HU, bone far more) and
/// whose own density is below muscle. Dense ground glass that the air threshold split off is taken
/// too. The fill stops at the chest wall, the physical boundary of the pleural cavity. Medially
/// (mediastinum, hilum: fat and soft tissue in the same band) it goes no further than the lung's
/// medial edge in nearby rows, and in the midline band takes only tissue denser than fat. What is
/// added must be thicker than the partial-volume rim at the lung border, so aerated lung on muscle
/// gains nothing. Tissue in the ground-glass band is still partly aerated, lighter than any
/// mediastinal tissue, and is followed to the mediastinal surface.
struct AirlessLungGrowth: Sendable {
    var configuration: EstimatorConfiguration

    /// - Parameters:
    ///   - envelope: this lung's envelope (crop frame), extended in place.
    ///   - filled: aerated lung with holes filled; its rows give the medial edge.
    ///   - regional: HU averaged over `airlessMeanRadiusMM`, crop frame.
    ///   - smoothed: HU after the light in-plane smoothing, crop frame.
    ///   - midlineX: body centre column in the crop frame.
    func extend(_ envelope: inout [Bool], filled: [Bool], regional: [Float], smoothed: [Float], blocked: [Bool], isRight: Bool, midlineX: Double, shape: PlaneShape) {
        let high = Float(configuration.dependentMaximumMeanHU), muscle = Float(configuration.muscleLowerHU)
        let groundGlass = Float(configuration.groundGlassUpperHU), fat = Float(configuration.fatUpperHU)
        let windowRows = Int((configuration.envelopeClosingRadiusMM / shape.spacingY).rounded())
        let medialLimit = Self.medialLimits(filled: filled, isRight: isRight, windowRows: windowRows, shape: shape)
        let midlineGap = configuration.dependentMidlineGapMM / shape.spacingX
        func allowed(_ i: Int) -> Bool {
            guard !envelope[i], !blocked[i], regional[i] <= high else { return false }
            // The wide mean blurs a thin muscle layer between lung and fat away; the pixel's own
            // (lightly smoothed) density keeps the wall closed.
            guard smoothed[i] < muscle else { return false }
            return medially(i)
        }
        /// Where airless lung may lie as seen from the mediastinum.
        func medially(_ i: Int) -> Bool {
            let x = i % shape.width, y = i / shape.width
            // Still partly aerated: lung, never mediastinum, so the medial limits do not apply (dense
            // ground glass that the air threshold split off reaches the mediastinal surface).
            if regional[i] <= groundGlass { return true }
            guard let limit = medialLimit[y] else { return false }
            if let own = limit.own, isRight ? x <= own : x >= own { return true }
            // Beyond the row's own edge only by the edge of nearby rows.
            guard isRight ? x <= limit.nearby : x >= limit.nearby else { return false }
            // In the midline band mediastinal fat lies beside the lung (anterior junction): there only
            // tissue denser than fat is airless lung.
            return abs(Double(x) - midlineX) > midlineGap || regional[i] > fat
        }
        // Geodesic reach in pixels, so a leak cannot wander far along a thin gap.
        let reach = Int((configuration.dependentMaximumDepthMM / min(shape.spacingX, shape.spacingY)).rounded())
        // Any step taken reaches a pixel beyond the envelope.
        var extended = false
        let depth = GeodesicGrowth.steps(from: envelope, reach: reach, shape: shape) { _, n in
            guard allowed(n) else { return false }
            extended = true
            return true
        }
        if extended { keepBodies(depth.map { $0 > 0 }, of: &envelope, shape: shape) }
        let refined = refineEdges(&envelope, filled: filled, smoothed: smoothed, blocked: blocked, shape: shape, permitted: medially)
        guard extended || refined else { return }
        // Noise leaves single pixels above the cap inside airless lung; they are lung too.
        let closedHoles = Morphology.fillHoles(envelope, shape: shape)
        envelope.withUnsafeMutableBufferPointer { envelope in
            for i in 0..<shape.count { envelope[i] = envelope[i] || (closedHoles[i] && !blocked[i]) }
        }
    }

    private func keepBodies(_ grown: [Bool], of envelope: inout [Bool], shape: PlaneShape) {
        // The partial-volume rim where aerated lung meets the wall is a few pixels thick; airless lung
        // is a body of tissue, so only what survives an opening wider than the rim is kept.
        let solid = Morphology.open(grown, shape: shape, radiusMM: configuration.airlessMeanRadiusMM)
        let regions = ComponentLabeling(solid, shape: shape)
        guard !regions.components.isEmpty else { return }
        // The opening cuts narrow necks; what is left beyond a neck (subcutaneous fat reached through
        // a thin chest wall, same density band) no longer touches the lung and is not trusted. Only the
        // bodies ask, so the envelope is dilated (as `Morphology.dilate` does) around their box alone.
        let radius = max(shape.spacingX, shape.spacingY) * 1.5
        let bodies = PlaneCrop(
            (regions.components.map(\.minX).min()!, regions.components.map(\.maxX).max()!,
             regions.components.map(\.minY).min()!, regions.components.map(\.maxY).max()!), in: shape, marginMM: radius
        )
        let touching = DistanceTransform.within(radius * radius + 1e-9, of: bodies.extract(envelope), featureValue: true, shape: bodies.shape)
        var keep = [Bool](repeating: false, count: regions.components.count + 1)
        for i in 0..<bodies.shape.count where touching[i] {
            let label = regions.labels[bodies.parentIndex(i)]
            if label != 0 { keep[Int(label)] = true }
        }
        for i in 0..<shape.count where regions.labels[i] != 0 && keep[Int(regions.labels[i])] { envelope[i] = true }
    }

    /// Per row: the lung's own medial edge (nil without lung), and the most medial edge within
    /// `windowRows` rows (or of the nearest row with lung). A lesion on the mediastinal surface hides
    /// the edge in some rows; the mediastinum itself is smooth, so the edge nearby stands in for it.
    static func medialLimits(filled: [Bool], isRight: Bool, windowRows: Int, shape: PlaneShape) -> [(own: Int?, nearby: Int)?] {
        let edges = LungEnvelope.medialEdges(of: filled, isRight: isRight, shape: shape)
        let measuredRows = (0..<shape.height).filter { edges[$0] != nil }
        guard !measuredRows.isEmpty else { return [(own: Int?, nearby: Int)?](repeating: nil, count: shape.height) }
        return (0..<shape.height).map { y in
            var nearby: Int?
            for row in max(0, y - windowRows)...min(shape.height - 1, y + windowRows) {
                guard let edge = edges[row] else { continue }
                nearby = nearby.map { isRight ? max($0, edge) : min($0, edge) } ?? edge
            }
            if let nearby { return (edges[y], nearby) }
            let nearest = measuredRows.min { abs($0 - y) < abs($1 - y) }!
            return (nil, edges[nearest]!)
        }
    }
}
