/// The numeric inputs clinic staff enter, with the names used in errors, traces and the rules file.
public enum VitalField: String, CaseIterable, Sendable {
    case temperature
    case respiratoryRate = "respiratory_rate"
    case spo2
    case pfRatio = "pao2_fio2"

    /// Key in the rules file (`input_ranges.<key>`) and field name in errors.
    public var key: String { rawValue }

    /// How a clinician reads it in a trace line.
    public var displayName: String {
        switch self {
        case .temperature: "Temperature"
        case .respiratoryRate: "RR"
        case .spo2: "SpO2"
        case .pfRatio: "PaO2/FiO2"
        }
    }

    public var unit: String {
        switch self {
        case .temperature: "°C"
        case .respiratoryRate: "/min"
        case .spo2: "%"
        case .pfRatio: "mmHg"
        }
    }

    /// The three vitals without which the decision says "vitals pending" (§3); PaO2/FiO2 is optional.
    public static let required: [VitalField] = [.temperature, .respiratoryRate, .spo2]
}
