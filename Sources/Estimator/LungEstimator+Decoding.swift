import VolumeIO

extension LungEstimator {
    /// Reads a NIfTI file from memory and estimates. Slices are surveyed on another core while later
    /// ones are still being inflated; the result is the same as `estimate(_:)` on the read volume.
    /// The bytes are released once inflated when the caller hands them over (`consume`).
    public func estimate(nifti bytes: consuming [UInt8], reader: NIfTIReader = NIfTIReader()) throws -> (Volume, EstimationResult) {
        let survey = StreamingSurvey(body: BodySegmenter(configuration: configuration))
        let volume = try bytes.withUnsafeBytes { try reader.read($0, watcher: survey).volume }
        _ = consume bytes
        return (volume, estimate(volume, surveyedBy: survey))
    }

    /// Estimates while `decode` reads a volume from wherever it lives (a file streamed in chunks, so
    /// the compressed bytes are never all held); `decode` must report decoded voxels to the watcher.
    /// The estimator itself stays free of file access.
    public func estimate(decoding decode: (any VoxelWatcher) throws -> NIfTIImage) throws -> (Volume, EstimationResult) {
        let survey = StreamingSurvey(body: BodySegmenter(configuration: configuration))
        let volume = try decode(survey).volume
        return (volume, estimate(volume, surveyedBy: survey))
    }

    private func estimate(_ volume: Volume, surveyedBy survey: StreamingSurvey) -> EstimationResult {
        guard let firstPass = survey.takeSurveys(of: volume) else { return estimate(volume) }
        return estimate(volume, surveys: firstPass.surveys, binned: firstPass.binned, speculated: firstPass.speculated)
    }
}
