/// Second half of the second pass: diaphragm check, then lesions, as packed labels.
struct SliceSegmenter: Sendable {
    struct Outcome: Sendable {
        /// `SegmentationMasks` labels in canonical slice order, kept over the lungs' bounding box.
        var labels: CroppedPlane<UInt8>
        var rightLung = 0, leftLung = 0, rightLesion = 0, leftLesion = 0
    }

    var configuration: EstimatorConfiguration

    /// - Parameters:
    ///   - bits: this slice's `SliceEnvelopes.bits`.
    ///   - below: the bits of the slice beneath (nil for the lowest slice).
    func segment(hu: [Int16], bits: [UInt8], below: [UInt8]?, shape: PlaneShape) -> Outcome {
        var labels = [UInt8](repeating: 0, count: shape.count)
        var outcome = Outcome(labels: CroppedPlane(zerosIn: shape))
        guard bits.contains(where: { $0 & (SliceEnvelopes.right | SliceEnvelopes.left) != 0 }) else { return outcome }
        for isRight in [true, false] {
            let sideBit = isRight ? SliceEnvelopes.right : SliceEnvelopes.left
            guard let crop = PlaneCrop(around: bits.map { $0 & sideBit != 0 }, in: shape, marginMM: configuration.vesselHaloMM * 3) else { continue }
            // Everything below looks at the envelope and its neighbours only, all inside the crop.
            let cropBits = crop.extract(bits)
            var cropEnvelope = cropBits.map { $0 & sideBit != 0 }
            let smoothed = Morphology.boxMean(hu, shape: shape, radiusMM: configuration.smoothingRadiusMM, in: crop)
            if let below {
                DiaphragmCheck.exclude(
                    &cropEnvelope, aerated: cropBits, below: crop.extract(below), smoothed: smoothed,
                    organLowerHU: configuration.dependentMaximumMeanHU, shape: crop.shape
                )
            }
            let aerated = cropBits.map { $0 & SliceEnvelopes.aerated != 0 }
            let filled = Morphology.fillHoles(aerated, shape: crop.shape)
            let lesion = LesionSegmenter(configuration: configuration).lesions(
                raw: crop.extract(hu).map(Float.init), smoothed: smoothed, envelope: cropEnvelope, filled: filled, shape: crop.shape
            )
            for i in 0..<crop.shape.count where cropEnvelope[i] {
                let isLesion = lesion[i]
                labels[crop.parentIndex(i)] = sideBit | (isLesion ? SegmentationMasks.lesion : 0)
                if isRight {
                    outcome.rightLung += 1
                    if isLesion { outcome.rightLesion += 1 }
                } else {
                    outcome.leftLung += 1
                    if isLesion { outcome.leftLesion += 1 }
                }
            }
        }
        outcome.labels = CroppedPlane(labels, shape: shape)
        return outcome
    }
}
