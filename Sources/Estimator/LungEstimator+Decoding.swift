import VolumeIO

extension LungEstimator {
    /// Reads a NIfTI file from memory and estimates. Slices are surveyed on another core while later
    /// ones are still being inflated; the result is the same as `estimate(_:)` on the read volume.
    /// The bytes are released once inflated when the caller hands them over (`consume`).
    public func estimate(nifti bytes: consuming [UInt8], reader: NIfTIReader = NIfTIReader()) throws -> (Volume, EstimationResult) {
        let survey = StreamingSurvey(body: BodySegmenter(configuration: configuration))
        let volume = try bytes.withUnsafeBytes { try reader.read($0, watcher: survey).volume }
        _ = consume bytes
        return (volume, estimate(volume, surveys: survey.takeSurveys()))
    }
}
