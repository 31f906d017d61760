/// Finds the patient's body in an axial slice and the air-like regions enclosed by it.
///
/// The body is the largest 8-connected region denser than `bodyThresholdHU`: the table, the gantry
/// and the padding outside a circular field of view (−1024/−2048) are either air-like or separate
/// smaller regions. Air is "inside" when it is not connected to the frame border around the body,
/// which keeps the lungs and airways and drops the outside air.
struct BodySegmenter: Sendable {
    var configuration: EstimatorConfiguration

    func survey(slice hu: [Int16], shape: PlaneShape) -> SliceSurvey {
        let dense = hu.map { $0 > configuration.bodyThresholdHU }
        let denseRegions = ComponentLabeling(dense, shape: shape)
        guard let bodyLabel = denseRegions.largestLabel else {
            return SliceSurvey(labels: .empty, regions: [], bodyArea: 0, bodyMinX: 0, bodyMaxX: 0)
        }
        let body = denseRegions.labels.map { $0 == bodyLabel }
        let filled = Morphology.fillHoles(body, shape: shape)
        var air = [Bool](repeating: false, count: shape.count)
        for i in 0..<shape.count where filled[i] && !body[i] && hu[i] < configuration.airThresholdHU { air[i] = true }
        let bodyInfo = denseRegions.components[Int(bodyLabel) - 1]
        let (labels, regions) = Self.airRegions(air, hu: hu, shape: shape)
        return SliceSurvey(labels: LabelRuns(labels, width: shape.width), regions: regions, bodyArea: bodyInfo.area, bodyMinX: bodyInfo.minX, bodyMaxX: bodyInfo.maxX)
    }

    /// Labels the air regions, dropping specks under 4 mm² (noise, not anatomy) so labels fit 16 bits.
    static func airRegions(_ air: [Bool], hu: [Int16], shape: PlaneShape) -> ([UInt16], [SliceSurvey.AirRegion]) {
        let labelling = ComponentLabeling(air, shape: shape)
        let minimumArea = max(1, Int((4 / shape.pixelArea).rounded(.up)))
        var renumber = [UInt16](repeating: 0, count: labelling.components.count + 1)
        var regions: [SliceSurvey.AirRegion] = []
        for (offset, component) in labelling.components.enumerated()
        where component.area >= minimumArea && regions.count < Int(UInt16.max) - 1 {
            let centroid = component.centroid
            regions.append(SliceSurvey.AirRegion(
                area: component.area, centroidX: centroid.x, centroidY: centroid.y,
                minX: component.minX, maxX: component.maxX, minY: component.minY, maxY: component.maxY, meanHU: 0
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
