/// First half of the second pass: each lung's envelope in one slice, before the diaphragm check.
///
/// Packed per pixel in canonical slice order: bit 0 right envelope, bit 1 left envelope,
/// bit 2 aerated lung (holes filled), bit 3 airway.
struct SliceEnvelopes: Sendable {
    static let right: UInt8 = 1, left: UInt8 = 2, aerated: UInt8 = 4, airway: UInt8 = 8
    var bits: [UInt8]

    init(hu: [Int16], survey: SliceSurvey, assignments: [LungSelection.Assignment], airways: Set<UInt16>, shape: PlaneShape, configuration: EstimatorConfiguration) {
        bits = [UInt8](repeating: 0, count: shape.count)
        var right = [Bool](repeating: false, count: shape.count)
        var left = [Bool](repeating: false, count: shape.count)
        var airway = [Bool](repeating: false, count: shape.count)
        let splitColumn = assignments.contains(.eitherSide) ? Self.midlineColumn(survey: survey, assignments: assignments, shape: shape) : 0
        let isAirway = [false] + (0..<survey.regions.count).map { airways.contains(UInt16($0 + 1)) }
        survey.labels.forEachRun { run, label in
            if isAirway[Int(label)] {
                for i in run { airway[i] = true; bits[i] |= Self.airway }
                return
            }
            switch assignments[Int(label)] {
            case .right: for i in run { right[i] = true }
            case .left: for i in run { left[i] = true }
            case .eitherSide: for i in run { if i % shape.width < splitColumn { right[i] = true } else { left[i] = true } }
            case .notLung: break
            }
        }
        let recovery = DependentRecovery(configuration: configuration)
        let growth = AirlessLungGrowth(configuration: configuration)
        for (mask, other, isRight) in [(right, left, true), (left, right, false)] {
            guard let crop = PlaneCrop(
                around: mask, in: shape, marginMM: configuration.envelopeClosingRadiusMM,
                extraBelowMM: configuration.dependentMaximumDepthMM
            ) else { continue }
            let blocked = crop.extract { airway[$0] || other[$0] }
            let envelope = LungEnvelope(
                lung: crop.extract(mask), blocked: blocked, isRight: isRight,
                shape: crop.shape, closingRadiusMM: configuration.envelopeClosingRadiusMM
            )
            // Means only over the crop: each lung's crop is a fraction of the slice.
            let smoothed = Morphology.boxMean(hu, shape: shape, radiusMM: configuration.smoothingRadiusMM, in: crop)
            let regional = Morphology.boxMean(hu, shape: shape, radiusMM: configuration.airlessMeanRadiusMM, in: crop)
            var extended = envelope.envelope
            let midlineX = survey.bodyCenterX - Double(crop.x0)
            recovery.extend(&extended, smoothed: smoothed, blocked: blocked, midlineX: midlineX, shape: crop.shape)
            growth.extend(&extended, filled: envelope.filled, regional: regional, smoothed: smoothed, blocked: blocked, isRight: isRight, midlineX: midlineX, shape: crop.shape)
            let sideBit = isRight ? Self.right : Self.left
            for y in 0..<crop.shape.height {
                let row = y * crop.shape.width, parentRow = (crop.y0 + y) * shape.width + crop.x0
                for x in 0..<crop.shape.width where extended[row + x] {
                    let target = parentRow + x
                    if bits[target] & (Self.right | Self.left) != 0 { continue }
                    bits[target] |= sideBit | (mask[target] ? Self.aerated : 0)
                }
            }
        }
    }

    func side(_ i: Int) -> UInt8 { bits[i] & (Self.right | Self.left) }

    /// Where lungs touching at a junction are cut: the column with the fewest lung pixels in the
    /// central half of the body, nearest the body's centre on ties.
    static func midlineColumn(survey: SliceSurvey, assignments: [LungSelection.Assignment], shape: PlaneShape) -> Int {
        var counts = [Int](repeating: 0, count: shape.width)
        survey.labels.forEachRun { run, label in
            guard assignments[Int(label)] == .eitherSide else { return }
            for i in run { counts[i % shape.width] += 1 }
        }
        let center = survey.bodyArea > 0 ? survey.bodyCenterX : Double(shape.width) / 2
        let halfBand = survey.bodyArea > 0 ? Double(survey.bodyWidth) / 4 : Double(shape.width) / 4
        let low = max(0, Int(center - halfBand)), high = min(shape.width - 1, Int(center + halfBand))
        guard low <= high else { return Int(center) }
        return (low...high).min { a, b in
            counts[a] != counts[b] ? counts[a] < counts[b] : abs(Double(a) - center) < abs(Double(b) - center)
        } ?? Int(center)
    }
}
