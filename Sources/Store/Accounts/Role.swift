/// What a user may do: radiologists read, clinic staff manage their own clinic's studies and vitals,
/// administrators manage users and see statistics.
public enum Role: String, Sendable, Codable, CaseIterable {
    case radiologist
    case clinicStaff = "clinic_staff"
    case admin
}
