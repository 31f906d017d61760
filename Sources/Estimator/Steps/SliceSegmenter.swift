/// Second half of the second pass: diaphragm check, then lesions, as packed labels.
struct SliceSegmenter: Sendable {
    struct Outcome: Sendable {
        /// `SegmentationMasks` labels in canonical slice order, kept over the lungs' bounding box.
        var labels: CroppedPlane
        var rightLung = 0, leftLung = 0, rightLesion = 0, leftLesion = 0
    }

    var configuration: EstimatorConfiguration

    /// - Parameters:
    ///   - bits: this slice's `SliceEnvelopes.bits`.
    ///   - below: the bits of the slice beneath (nil for the lowest slice).
    func segment(hu: [Int16], bits: [UInt8], below: CroppedPlane?, shape: PlaneShape) -> Outcome {
        var outcome = Outcome(labels: CroppedPlane(zerosIn: shape))
        let crops = Self.sideBounds(bits, shape: shape).map { box in
            box.map { PlaneCrop($0, in: shape, marginMM: configuration.vesselHaloMM * 3) }
        }
        let found = crops.compactMap { $0 }
        guard !found.isEmpty else { return outcome }
        // Labels are kept over the union of the sides' crops: nothing outside them is labelled.
        let union = PlaneCrop(
            x0: found.map(\.x0).min()!, x1: found.map { $0.x0 + $0.shape.width - 1 }.max()!,
            y0: found.map(\.y0).min()!, y1: found.map { $0.y0 + $0.shape.height - 1 }.max()!, margin: 0, in: shape
        )
        var labels = [UInt8](repeating: 0, count: union.shape.count)
        for (isRight, crop) in zip([true, false], crops) {
            guard let crop else { continue }
            let sideBit = isRight ? SliceEnvelopes.right : SliceEnvelopes.left
            // Everything below looks at the envelope and its neighbours only, all inside the crop.
            let cropBits = crop.extract(bits)
            var cropEnvelope = cropBits.map { $0 & sideBit != 0 }
            let smoothed = Morphology.boxMean(hu, shape: shape, radiusMM: configuration.smoothingRadiusMM, in: crop)
            if let below {
                DiaphragmCheck.exclude(
                    &cropEnvelope, aerated: cropBits, below: below.extract(crop), smoothed: smoothed,
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
                labels[union.localIndex(crop.parentIndex(i))] = sideBit | (isLesion ? SegmentationMasks.lesion : 0)
                if isRight {
                    outcome.rightLung += 1
                    if isLesion { outcome.rightLesion += 1 }
                } else {
                    outcome.leftLung += 1
                    if isLesion { outcome.leftLesion += 1 }
                }
            }
        }
        outcome.labels = CroppedPlane(labels, in: union)
        return outcome
    }

    /// The bounding boxes of the right and the left envelope, in one pass that skips empty stretches
    /// eight pixels at a time.
    static func sideBounds(_ bits: [UInt8], shape: PlaneShape) -> [PlaneCrop.Box?] {
        var boxes: [PlaneCrop.Box?] = [nil, nil]
        let sides = [SliceEnvelopes.right, SliceEnvelopes.left]
        bits.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            for y in 0..<shape.height {
                let row = base + y * shape.width
                var x = 0
                while x < shape.width {
                    if x + 8 <= shape.width, row.loadUnaligned(fromByteOffset: x, as: UInt64.self) == 0 {
                        x += 8
                        continue
                    }
                    let value = row.load(fromByteOffset: x, as: UInt8.self)
                    for side in 0..<2 where value & sides[side] != 0 {
                        if let box = boxes[side] {
                            boxes[side] = (min(box.minX, x), max(box.maxX, x), box.minY, y)
                        } else {
                            boxes[side] = (x, x, y, y)
                        }
                    }
                    x += 1
                }
            }
        }
        return boxes
    }
}
