/// Finds the patient's body in an axial slice and the air-like regions enclosed by it.
///
/// The body is the largest 8-connected region denser than `bodyThresholdHU`: the table, the gantry
/// and the padding outside a circular field of view (−1024/−2048) are either air-like or separate
/// smaller regions. Air is "inside" when it is not connected to the frame border around the body,
/// which keeps the lungs and airways and drops the outside air.
struct BodySegmenter: Sendable {
    var configuration: EstimatorConfiguration

    func survey(slice hu: [Int16], shape: PlaneShape) -> SliceSurvey {
        let bodyThreshold = configuration.bodyThresholdHU
        // Through buffers, every operand read: the two per-pixel masks below were most of the survey's own time.
        let dense = [Bool](unsafeUninitializedCapacity: hu.count) { dense, initialized in
            hu.withUnsafeBufferPointer { hu in
                for i in 0..<hu.count { dense[i] = hu[i] > bodyThreshold }
            }
            initialized = hu.count
        }
        let denseRegions = ComponentLabeling(dense, shape: shape)
        guard let bodyLabel = denseRegions.largestLabel else {
            return SliceSurvey(labels: .empty, regions: [], bodyArea: 0, bodyMinX: 0, bodyMaxX: 0)
        }
        let bodyInfo = denseRegions.components[Int(bodyLabel) - 1]
        // Enclosed air lies inside the body's box: the rest of the slice is not looked at again.
        let crop = PlaneCrop(x0: bodyInfo.minX, x1: bodyInfo.maxX, y0: bodyInfo.minY, y1: bodyInfo.maxY, margin: 1, in: shape)
        let body = crop.extract { denseRegions.labels[$0] == bodyLabel }
        let filled = Morphology.fillHoles(body, shape: crop.shape)
        let cropHU = crop.extract(hu)
        let airThreshold = configuration.airThresholdHU
        let air = [Bool](unsafeUninitializedCapacity: crop.shape.count) { air, initialized in
            filled.withUnsafeBufferPointer { filled in
                body.withUnsafeBufferPointer { body in
                    cropHU.withUnsafeBufferPointer { cropHU in
                        for i in 0..<crop.shape.count {
                            // `filled` holds the body, so differing from it is enclosed and not body.
                            let enclosed = filled[i] != body[i], airLike = cropHU[i] < airThreshold
                            air[i] = enclosed && airLike
                        }
                    }
                }
            }
            initialized = crop.shape.count
        }
        let (labels, regions) = Self.airRegions(air, hu: cropHU, in: crop)
        return SliceSurvey(labels: LabelRuns(labels, in: crop), regions: regions, bodyArea: bodyInfo.area, bodyMinX: bodyInfo.minX, bodyMaxX: bodyInfo.maxX)
    }

    /// Labels the air regions, dropping specks under 4 mm² (noise, not anatomy) so labels fit 16 bits.
    /// `air`, `hu` and the labels are in the crop's frame, the regions' coordinates in the slice's.
    static func airRegions(_ air: [Bool], hu: [Int16], in crop: PlaneCrop) -> ([UInt16], [SliceSurvey.AirRegion]) {
        let shape = crop.shape
        let labelling = ComponentLabeling(air, shape: shape)
        let minimumArea = max(1, Int((4 / shape.pixelArea).rounded(.up)))
        var renumber = [UInt16](repeating: 0, count: labelling.components.count + 1)
        var regions: [SliceSurvey.AirRegion] = []
        for (offset, component) in labelling.components.enumerated()
        where component.area >= minimumArea && regions.count < Int(UInt16.max) - 1 {
            // Coordinate sums are whole numbers, so moving them to the slice's frame is exact.
            var moved = component
            moved.sumX += Double(crop.x0 * component.area)
            moved.sumY += Double(crop.y0 * component.area)
            let centroid = moved.centroid
            regions.append(SliceSurvey.AirRegion(
                area: component.area, centroidX: centroid.x, centroidY: centroid.y,
                minX: component.minX + crop.x0, maxX: component.maxX + crop.x0,
                minY: component.minY + crop.y0, maxY: component.maxY + crop.y0, meanHU: 0
            ))
            renumber[offset + 1] = UInt16(regions.count)
        }
        // Whole HU: the integer sums equal the Double sums they replace.
        var sums = [Int](repeating: 0, count: regions.count + 1)
        let labels = [UInt16](unsafeUninitializedCapacity: shape.count) { labels, initialized in
            labelling.labels.withUnsafeBufferPointer { source in
                hu.withUnsafeBufferPointer { hu in
                    for index in 0..<shape.count {
                        let kept = renumber[Int(source[index])]
                        sums[Int(kept)] += Int(hu[index])
                        labels[index] = kept
                    }
                }
            }
            initialized = shape.count
        }
        for index in regions.indices { regions[index].meanHU = Double(sums[index + 1]) / Double(regions[index].area) }
        return (labels, regions)
    }
}
