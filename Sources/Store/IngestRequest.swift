import Foundation

/// One study as it arrives through any door (HTTP upload, inbox folder, `ctriage ingest`).
public struct IngestRequest: Sendable {
    public enum Setting: String, Sendable { case outpatient, inpatient }

    public var bytes: [UInt8]
    public var clinicCode: String
    /// The clinic's pseudonymous patient identifier (never a name).
    public var patientPseudonym: String
    public var setting: Setting
    public var acquiredAt: Date?
    /// Who is ingesting, for the audit trail (a user id, or nil for the inbox and scripts).
    public var actorUserID: Int?
    public var actor: String
    /// Set for clinic staff: the only clinic they may ingest for.
    public var onlyClinicID: Int?

    public init(
        bytes: [UInt8], clinicCode: String, patientPseudonym: String, setting: Setting = .outpatient, acquiredAt: Date? = nil,
        actorUserID: Int? = nil, actor: String, onlyClinicID: Int? = nil
    ) {
        self.onlyClinicID = onlyClinicID
        self.bytes = bytes
        self.clinicCode = clinicCode
        self.patientPseudonym = patientPseudonym
        self.setting = setting
        self.acquiredAt = acquiredAt
        self.actorUserID = actorUserID
        self.actor = actor
    }
}
