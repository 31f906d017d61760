/// Where the patient is when the decision is made; it changes the decision text for severe and critical.
public enum CareSetting: String, CaseIterable, Sendable {
    case outpatient
    case inpatient

    public init(name: String) throws {
        guard let setting = CareSetting(rawValue: name.lowercased()) else {
            throw TriageError(
                code: .unknownSetting,
                subject: "setting",
                message: "setting '\(name)' is not one of outpatient, inpatient"
            )
        }
        self = setting
    }
}
