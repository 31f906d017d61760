/// What clinic staff entered about the patient. Every field may be missing (`nil` = not entered yet).
public struct Vitals: Sendable, Equatable {
    /// Body temperature, °C.
    public var temperature: Double?
    /// Respiratory rate, breaths per minute.
    public var respiratoryRate: Double?
    /// Peripheral oxygen saturation, %.
    public var spo2: Double?
    /// PaO2/FiO2, mmHg (only from a blood gas, so often absent).
    public var pfRatio: Double?
    public var shock: Bool?
    public var multipleOrganFailure: Bool?
    public var respiratoryFailure: Bool?
    /// Typical clinical manifestations together with a relevant epidemiological history.
    public var typicalClinic: Bool?

    public init(
        temperature: Double? = nil,
        respiratoryRate: Double? = nil,
        spo2: Double? = nil,
        pfRatio: Double? = nil,
        shock: Bool? = nil,
        multipleOrganFailure: Bool? = nil,
        respiratoryFailure: Bool? = nil,
        typicalClinic: Bool? = nil
    ) {
        self.temperature = temperature
        self.respiratoryRate = respiratoryRate
        self.spo2 = spo2
        self.pfRatio = pfRatio
        self.shock = shock
        self.multipleOrganFailure = multipleOrganFailure
        self.respiratoryFailure = respiratoryFailure
        self.typicalClinic = typicalClinic
    }

    public subscript(field: VitalField) -> Double? {
        get {
            switch field {
            case .temperature: temperature
            case .respiratoryRate: respiratoryRate
            case .spo2: spo2
            case .pfRatio: pfRatio
            }
        }
        set {
            switch field {
            case .temperature: temperature = newValue
            case .respiratoryRate: respiratoryRate = newValue
            case .spo2: spo2 = newValue
            case .pfRatio: pfRatio = newValue
            }
        }
    }

    /// Required vitals not entered yet, in a fixed order.
    public var pendingFields: [VitalField] {
        VitalField.required.filter { self[$0] == nil }
    }
}
