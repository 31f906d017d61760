/// What became of one received instance.
public struct DICOMStageOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case stored
        /// The same SOP instance with the same bytes was already staged: nothing new is stored.
        case alreadyStored
        case failed(DICOMFailureReason)
    }

    /// Known when the instance could be read far enough.
    public var sopInstanceUID: String?
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String?
    public var status: Status

    public init(sopInstanceUID: String? = nil, studyInstanceUID: String? = nil, seriesInstanceUID: String? = nil, status: Status) {
        self.sopInstanceUID = sopInstanceUID
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.status = status
    }

    public var accepted: Bool {
        if case .failed = status { return false }
        return true
    }
}
