import Foundation

/// The inbox naming convention: `<clinic>__<patient>__<anything>.nii[.gz]`, or `<patient>__<anything>.nii[.gz]`
/// when the inbox has a default clinic. Names come from whoever can write to the folder, so they are checked
/// before being used for anything, and error messages never repeat them (they would carry the pseudonym).
struct InboxFileName: Sendable, Equatable {
    var clinicCode: String
    var patientPseudonym: String

    static let separator = "__"

    /// Writers put these names on files still being written, then rename them; they are not ours yet.
    static func isIgnored(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return name.hasPrefix(".") || lowered.hasSuffix(".tmp") || lowered.hasSuffix(".part")
    }

    /// A name that would be unsafe as a path component, whatever it claims to be.
    static func isUnsafe(_ name: String) -> Bool {
        name.isEmpty || name.contains("/") || name.contains("..") || name.utf8.contains(0)
    }

    init(clinicCode: String, patientPseudonym: String) {
        self.clinicCode = clinicCode
        self.patientPseudonym = patientPseudonym
    }

    init(parsing name: String, defaultClinic: String?) throws(InboxError) {
        guard !Self.isUnsafe(name) else {
            throw InboxError(code: .invalidFileName, message: "the file name contains '/', '..' or a NUL byte")
        }
        let lowered = name.lowercased()
        guard let suffix = [".nii.gz", ".nii"].first(where: { lowered.hasSuffix($0) }) else {
            throw InboxError(code: .invalidFileName, message: "only .nii and .nii.gz files are ingested; \(Self.convention)")
        }
        let stem = String(name.dropLast(suffix.count))
        let parts = stem.components(separatedBy: Self.separator)
        switch parts.count {
        case 3...:
            clinicCode = parts[0]
            patientPseudonym = parts[1]
        case 2 where !(defaultClinic ?? "").isEmpty:
            clinicCode = defaultClinic ?? ""
            patientPseudonym = parts[0]
        default:
            throw InboxError(code: .invalidFileName, message: "the name does not say whose study it is; \(Self.convention)")
        }
        guard !clinicCode.isEmpty, !patientPseudonym.isEmpty else {
            throw InboxError(code: .invalidFileName, message: "the clinic or patient part of the name is empty; \(Self.convention)")
        }
    }

    /// The clinic of a DICOM file, `<clinic>__<anything>`, else the inbox's default clinic; the patient comes from
    /// the file itself.
    static func dicomClinic(_ name: String, defaultClinic: String?) throws(InboxError) -> String {
        let parts = name.components(separatedBy: separator)
        if parts.count > 1, parts[0].range(of: "^[A-Za-z0-9_-]{1,32}$", options: .regularExpression) != nil { return parts[0] }
        if let defaultClinic { return defaultClinic }
        throw InboxError(code: .invalidFileName, message: "name DICOM files <clinic>__<anything>.dcm, or set inbox.clinic")
    }

    static let convention = "name files <clinic>__<patient>__<anything>.nii[.gz] (double underscores)"
}
