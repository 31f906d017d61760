/// Finds the trachea and main bronchi so they are not counted as lung.
///
/// The trachea is the first dark (pure air, about −1000 HU), trachea-sized air region near the body's
/// midline, scanning from the top. It is followed downward slice by slice: a region continues an
/// airway when it is as dark, no larger than a trachea, and close to an airway region of the slice
/// above. Tracking ends where the bronchi open into the lungs (their regions then become lung-sized).
struct AirwayTracker: Sendable {
    var configuration: EstimatorConfiguration

    /// Airway region labels per slice (canonical z), empty sets where there is none.
    func track(_ surveys: [SliceSurvey], shape: PlaneShape, sliceSpacingMM: Double) -> [Set<UInt16>] {
        var airways = [Set<UInt16>](repeating: [], count: surveys.count)
        guard let (seedSlice, seedLabel) = findTrachea(surveys, shape: shape) else { return airways }
        airways[seedSlice] = [seedLabel]
        let reachMM = 10 + sliceSpacingMM
        let maximumTrackMM = 160.0
        var z = seedSlice - 1
        while z >= 0 && Double(seedSlice - z) * sliceSpacingMM <= maximumTrackMM {
            let above = airways[z + 1].map { surveys[z + 1].regions[Int($0) - 1] }
            var found: Set<UInt16> = []
            for (offset, region) in surveys[z].regions.enumerated() where isAirwayLike(region, shape: shape) {
                if above.contains(where: { Self.distanceMM(region, to: $0, shape: shape) <= reachMM }) {
                    found.insert(UInt16(offset + 1))
                }
            }
            if found.isEmpty { break }
            airways[z] = found
            z -= 1
        }
        return airways
    }

    private func findTrachea(_ surveys: [SliceSurvey], shape: PlaneShape) -> (Int, UInt16)? {
        for z in stride(from: surveys.count - 1, through: 0, by: -1) {
            let survey = surveys[z]
            guard survey.bodyArea > 0 else { continue }
            let band = 0.2 * Double(survey.bodyWidth)
            let candidates = survey.regions.enumerated().filter { _, region in
                isAirwayLike(region, shape: shape) && abs(region.centroidX - survey.bodyCenterX) <= band
                    && configuration.tracheaAreaRangeMM2.contains(Double(region.area) * shape.pixelArea)
            }
            if let best = candidates.min(by: { abs($0.element.centroidX - survey.bodyCenterX) < abs($1.element.centroidX - survey.bodyCenterX) }) {
                return (z, UInt16(best.offset + 1))
            }
        }
        return nil
    }

    private func isAirwayLike(_ region: SliceSurvey.AirRegion, shape: PlaneShape) -> Bool {
        let areaMM2 = Double(region.area) * shape.pixelArea
        return region.meanHU < configuration.airwayMeanHU && areaMM2 <= configuration.tracheaAreaRangeMM2.upperBound
            && areaMM2 >= configuration.tracheaAreaRangeMM2.lowerBound / 8
    }

    /// Distance from a region's centroid to another region's bounding box, in millimetres.
    static func distanceMM(_ region: SliceSurvey.AirRegion, to other: SliceSurvey.AirRegion, shape: PlaneShape) -> Double {
        let dx = max(0, Double(other.minX) - region.centroidX, region.centroidX - Double(other.maxX)) * shape.spacingX
        let dy = max(0, Double(other.minY) - region.centroidY, region.centroidY - Double(other.maxY)) * shape.spacingY
        return (dx * dx + dy * dy).squareRoot()
    }
}
