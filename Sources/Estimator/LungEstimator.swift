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
        let grid = AnalysisGrid(volume: volume, configuration: configuration)
        let body = BodySegmenter(configuration: configuration)
        let voxels = volume.voxels
        let keep = AnalysisSlices.keepsSlices(of: grid)
        let firstPass = SliceParallel.map(count: grid.size.z) { z in
            let hu = grid.slice(z, of: voxels)
            return (survey: body.survey(slice: hu, shape: grid.planeShape), hu: keep ? hu : [])
        }
        return estimate(volume, surveys: firstPass.map(\.survey), binned: keep ? firstPass.map(\.hu) : [])
    }

    /// The steps after the first pass, on surveys (and the averaged slices they were made on, when
    /// the analysis grid averages blocks) made while decoding or by `estimate(_:)`.
    func estimate(_ volume: Volume, surveys: consuming [SliceSurvey], binned: [[Int16]], speculated: [SpeculativeEnvelope?] = []) -> EstimationResult {
        let grid = AnalysisGrid(volume: volume, configuration: configuration)
        let shape = grid.planeShape
        let slices = AnalysisSlices(grid: grid, voxels: volume.voxels, binned: binned)
        let airways = AirwayTracker(configuration: configuration).track(surveys, shape: shape, sliceSpacingMM: grid.spacing.z)
        let selection = LungSelector(configuration: configuration).select(surveys, airways: airways, grid: grid)
        let envelopes = selection.lungsFound ? sliceEnvelopes(slices, surveys: surveys, selection: selection, airways: airways, speculated: speculated) : []
        let segmenter = SliceSegmenter(configuration: configuration)
        // The air labels are done with: what is left of the surveys is per-slice figures.
        for z in surveys.indices { surveys[z].labels = .empty }
        let outcomes: [SliceSegmenter.Outcome] = selection.lungsFound
            ? SliceParallel.map(count: grid.size.z) { z in
                var bits = envelopes[z].expanded()
                if z > 0, z + 1 < grid.size.z {
                    EnvelopeBridging.bridge(&bits, below: envelopes[z - 1], above: envelopes[z + 1])
                }
                return segmenter.segment(hu: slices.slice(z), bits: bits, below: z > 0 ? envelopes[z - 1] : nil, shape: shape)
            }
            : []
        let unit = grid.voxelVolumeML
        var result = EstimationResult(
            lungML: Double(outcomes.reduce(0) { $0 + $1.rightLung + $1.leftLung }) * unit,
            lesionML: Double(outcomes.reduce(0) { $0 + $1.rightLesion + $1.leftLesion }) * unit,
            rightLungML: Double(outcomes.reduce(0) { $0 + $1.rightLung }) * unit,
            leftLungML: Double(outcomes.reduce(0) { $0 + $1.leftLung }) * unit,
            rightLesionML: Double(outcomes.reduce(0) { $0 + $1.rightLesion }) * unit,
            leftLesionML: Double(outcomes.reduce(0) { $0 + $1.leftLesion }) * unit,
            category: nil, flags: [],
            masks: SegmentationMasks(
                dims: volume.dims, grid: grid,
                slices: outcomes.isEmpty ? Array(repeating: CroppedPlane(zerosIn: shape), count: grid.size.z) : outcomes.map(\.labels),
                refinement: BorderRefinement(grid: grid, voxels: volume.voxels, airThresholdHU: configuration.airThresholdHU)
            )
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

    /// Each slice's lung envelopes; only their bounding boxes are kept, since all slices are held at once.
    private func sliceEnvelopes(
        _ slices: AnalysisSlices, surveys: [SliceSurvey], selection: LungSelection, airways: [Set<UInt16>], speculated: [SpeculativeEnvelope?]
    ) -> [CroppedPlane] {
        let grid = slices.grid
        let shape = grid.planeShape
        let configuration = self.configuration
        return SliceParallel.map(count: grid.size.z) { z in
            if z < speculated.count, let guess = speculated[z], guess.matches(assignments: selection.assignments[z], airways: airways[z]) {
                return guess.envelope
            }
            return CroppedPlane(SliceEnvelopes(
                hu: slices.slice(z), survey: surveys[z], assignments: selection.assignments[z], airways: airways[z],
                shape: shape, configuration: configuration
            ).bits, shape: shape)
        }
    }
}
