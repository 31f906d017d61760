/// Second half of the second pass: diaphragm check, then lesions, as packed labels.
struct SliceSegmenter: Sendable {
    struct Outcome: Sendable {
        /// `SegmentationMasks` labels in canonical slice order.
        var labels: [UInt8]
        var rightLung = 0, leftLung = 0, rightLesion = 0, leftLesion = 0
    }

    var configuration: EstimatorConfiguration

    /// - Parameter below: envelopes of the slice beneath (nil for the lowest slice).
    func segment(hu: [Int16], envelopes: SliceEnvelopes, below: SliceEnvelopes?, shape: PlaneShape) -> Outcome {
        var outcome = Outcome(labels: [UInt8](repeating: 0, count: shape.count))
        guard envelopes.bits.contains(where: { $0 & (SliceEnvelopes.right | SliceEnvelopes.left) != 0 }) else { return outcome }
        let raw = hu.map(Float.init)
        let smoothed = Morphology.boxMean(raw, shape: shape, radiusMM: configuration.smoothingRadiusMM)
        for isRight in [true, false] {
            let sideBit = isRight ? SliceEnvelopes.right : SliceEnvelopes.left
            var envelope = envelopes.bits.map { $0 & sideBit != 0 }
            guard let crop = PlaneCrop(around: envelope, in: shape, marginMM: configuration.vesselHaloMM * 3) else { continue }
            if let below { DiaphragmCheck.exclude(&envelope, aerated: envelopes.bits, below: below.bits, shape: shape) }
            let cropEnvelope = crop.extract(envelope)
            let aerated = crop.extract(envelopes.bits).map { $0 & SliceEnvelopes.aerated != 0 }
            let filled = Morphology.fillHoles(aerated, shape: crop.shape)
            let lesion = LesionSegmenter(configuration: configuration).lesions(
                raw: crop.extract(raw), smoothed: crop.extract(smoothed), envelope: cropEnvelope, filled: filled, shape: crop.shape
            )
            for i in 0..<crop.shape.count where cropEnvelope[i] {
                let isLesion = lesion[i]
                outcome.labels[crop.parentIndex(i)] = sideBit | (isLesion ? SegmentationMasks.lesion : 0)
                if isRight {
                    outcome.rightLung += 1
                    if isLesion { outcome.rightLesion += 1 }
                } else {
                    outcome.leftLung += 1
                    if isLesion { outcome.leftLesion += 1 }
                }
            }
        }
        return outcome
    }
}
