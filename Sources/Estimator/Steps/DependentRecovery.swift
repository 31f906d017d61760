/// Recovers dense dependent lung: consolidation filling the posterior lung of a supine patient,
/// which no closing can bring back because it has no aerated lung behind it.
///
/// Below the envelope's lowest pixel in each column, a run of lesion-density tissue that ends on
/// bone (a posterior rib) within reach, and is thicker than the normal soft tissue between lung and
/// rib, is lung that lost its air. Columns near the midline (spine, aorta, oesophagus) are skipped,
/// and so are runs that never meet bone (intercostal spaces, where muscle and fat continue to skin)
/// and runs as dense as muscle. Airless lung denser than `dependentMaximumMeanHU` is missed.
struct DependentRecovery: Sendable {
    var configuration: EstimatorConfiguration

    /// - Parameters:
    ///   - smoothed: HU after in-plane smoothing, crop frame.
    ///   - midlineX: body centre column in the crop frame.
    func extend(_ envelope: inout [Bool], smoothed: [Float], blocked: [Bool], midlineX: Double, shape: PlaneShape) {
        let band = Float(configuration.lesionLowerBoundLimitsHU.lowerBound)...Float(configuration.lesionUpperHU)
        let bone = Float(configuration.calcificationHU)
        let minimumRows = Int((configuration.dependentMinimumDepthMM / shape.spacingY).rounded(.up))
        let maximumRows = Int((configuration.dependentMaximumDepthMM / shape.spacingY).rounded())
        let marginRows = Int((configuration.dependentWallMarginMM / shape.spacingY).rounded(.up))
        let midlineGap = configuration.dependentMidlineGapMM / shape.spacingX
        // Rib row per column where the run met a rib; intercostal gaps are bridged from the ribs beside.
        var ribRow = [Int?](repeating: nil, count: shape.width)
        var lowestRow = [Int?](repeating: nil, count: shape.width)
        for x in 0..<shape.width where abs(Double(x) - midlineX) > midlineGap {
            guard let lowest = (0..<shape.height).last(where: { envelope[$0 * shape.width + x] }) else { continue }
            lowestRow[x] = lowest
            var y = lowest + 1
            while y < shape.height && y - lowest <= maximumRows {
                let value = smoothed[y * shape.width + x]
                if value >= bone || !band.contains(value) || blocked[y * shape.width + x] { break }
                y += 1
            }
            if y < shape.height, smoothed[y * shape.width + x] >= bone { ribRow[x] = y }
        }
        let bridge = Int((configuration.dependentRibGapMM / shape.spacingX).rounded())
        var additions: [Int] = []
        for x in 0..<shape.width {
            guard let lowest = lowestRow[x] else { continue }
            var end = ribRow[x]
            if end == nil,
               let left = (max(0, x - bridge)..<x).last(where: { ribRow[$0] != nil }),
               let right = ((x + 1)..<min(shape.width, x + bridge + 1)).first(where: { ribRow[$0] != nil }) {
                let t = Double(x - left) / Double(right - left)
                end = Int((Double(ribRow[left]!) * (1 - t) + Double(ribRow[right]!) * t).rounded())
            }
            guard let rib = end else { continue }
            let stop = rib - marginRows
            guard stop - lowest > minimumRows else { continue }
            let run = ((lowest + 1)..<stop).map { $0 * shape.width + x }
            guard run.allSatisfy({ band.contains(smoothed[$0]) && !blocked[$0] }) else { continue }
            // Muscle, liver and blood sit at 40–60 HU without contrast; airless lung reads lower.
            let mean = run.reduce(0.0) { $0 + Double(smoothed[$1]) } / Double(run.count)
            guard mean <= configuration.dependentMaximumMeanHU else { continue }
            additions += run
        }
        for index in additions { envelope[index] = true }
    }
}
