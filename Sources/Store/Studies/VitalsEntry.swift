import Foundation
import Triage

/// One vitals entry as entered by clinic staff (the JSON body of `PUT …/vitals`, and a history row).
public struct VitalsEntry: Sendable, Codable, Equatable {
    public var enteredAt: Date?
    public var enteredBy: String?
    public var temperatureC: Double?
    public var respiratoryRate: Double?
    public var spo2: Double?
    public var pao2Fio2: Double?
    public var shock: Bool?
    public var multipleOrganFailure: Bool?
    public var respiratoryFailure: Bool?
    public var typicalClinic: Bool?

    public init(
        enteredAt: Date? = nil, enteredBy: String? = nil, temperatureC: Double? = nil, respiratoryRate: Double? = nil,
        spo2: Double? = nil, pao2Fio2: Double? = nil, shock: Bool? = nil, multipleOrganFailure: Bool? = nil,
        respiratoryFailure: Bool? = nil, typicalClinic: Bool? = nil
    ) {
        self.enteredAt = enteredAt
        self.enteredBy = enteredBy
        self.temperatureC = temperatureC
        self.respiratoryRate = respiratoryRate
        self.spo2 = spo2
        self.pao2Fio2 = pao2Fio2
        self.shock = shock
        self.multipleOrganFailure = multipleOrganFailure
        self.respiratoryFailure = respiratoryFailure
        self.typicalClinic = typicalClinic
    }

    public var vitals: Vitals {
        Vitals(
            temperature: temperatureC, respiratoryRate: respiratoryRate, spo2: spo2, pfRatio: pao2Fio2, shock: shock,
            multipleOrganFailure: multipleOrganFailure, respiratoryFailure: respiratoryFailure, typicalClinic: typicalClinic)
    }
}
