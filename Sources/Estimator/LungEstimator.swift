import VolumeIO

/// The classical HU pipeline: body → air inside it → airways out → lungs by side → envelope →
/// ground glass and consolidation → volumes, involvement, category and quality flags.
///
/// Pure and deterministic: slices are processed in parallel but results are gathered in slice order.
public struct LungEstimator: Sendable {
    public var configuration: EstimatorConfiguration

    public init(configuration: EstimatorConfiguration = EstimatorConfiguration()) {
        self.configuration = configuration
    }

    public func estimate(_ volume: Volume) -> EstimationResult {
        let grid = CanonicalGrid(volume: volume)
        let shape = PlaneShape(width: grid.size.x, height: grid.size.y, spacingX: grid.spacing.x, spacingY: grid.spacing.y)
        let body = BodySegmenter(configuration: configuration)
        let voxels = volume.voxels
        let surveys = SliceParallel.map(count: grid.size.z) { z in
            body.survey(slice: grid.slice(z, of: voxels), shape: shape)
        }
        let airways = AirwayTracker(configuration: configuration).track(surveys, shape: shape, sliceSpacingMM: grid.spacing.z)
        let selection = LungSelector(configuration: configuration).select(surveys, airways: airways, grid: grid)
        let segmenter = SliceSegmenter(configuration: configuration)
        let configuration = self.configuration
        let envelopes: [SliceEnvelopes] = selection.lungsFound
            ? SliceParallel.map(count: grid.size.z) { z in
                SliceEnvelopes(
                    hu: grid.slice(z, of: voxels), survey: surveys[z], assignments: selection.assignments[z], airways: airways[z],
                    shape: shape, configuration: configuration
                )
            }
            : []
        let outcomes: [SliceSegmenter.Outcome] = selection.lungsFound
            ? SliceParallel.map(count: grid.size.z) { z in
                segmenter.segment(hu: grid.slice(z, of: voxels), envelopes: envelopes[z], below: z > 0 ? envelopes[z - 1] : nil, shape: shape)
            }
            : []
        var packed = [UInt8](repeating: 0, count: volume.voxelCount)
        for (z, outcome) in outcomes.enumerated() {
            for y in 0..<shape.height {
                for x in 0..<shape.width {
                    let label = outcome.labels[y * shape.width + x]
                    if label != 0 { packed[grid.index(x, y, z)] = label }
                }
            }
        }
        let unit = grid.voxelVolumeML
        var result = EstimationResult(
            lungML: Double(outcomes.reduce(0) { $0 + $1.rightLung + $1.leftLung }) * unit,
            lesionML: Double(outcomes.reduce(0) { $0 + $1.rightLesion + $1.leftLesion }) * unit,
            rightLungML: Double(outcomes.reduce(0) { $0 + $1.rightLung }) * unit,
            leftLungML: Double(outcomes.reduce(0) { $0 + $1.leftLung }) * unit,
            rightLesionML: Double(outcomes.reduce(0) { $0 + $1.rightLesion }) * unit,
            leftLesionML: Double(outcomes.reduce(0) { $0 + $1.leftLesion }) * unit,
            category: nil, flags: [],
            masks: SegmentationMasks(dims: volume.dims, packed: packed)
        )
        let lungFound = selection.lungsFound && result.lungML > 0
        if lungFound {
            result.category = CTCategory(involvementPercent: result.involvementPercent, detectionFloorPercent: configuration.detectionFloorPercent)
        }
        result.flags = QualityReview(configuration: configuration).flags(
            result: result, lungFound: lungFound, surveys: surveys, outcomes: outcomes, grid: grid, valuesClamped: volume.valuesClamped
        )
        return result
    }
}
