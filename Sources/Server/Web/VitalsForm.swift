import Foundation
import Store

/// Reads a vitals entry from the clinic form. Empty fields are absent values; a number the form cannot read
/// is reported with the field's name, like the server's range messages.
enum VitalsForm {
    static let flags = [
        (key: "shock", label: "Shock"), (key: "multiple_organ_failure", label: "Multiple organ failure"),
        (key: "respiratory_failure", label: "Respiratory failure"), (key: "typical_clinic", label: "Typical clinical picture of viral pneumonia"),
    ]

    struct Problem: Error, Equatable {
        var message: String
    }

    static func entry(_ form: FormBody) throws(Problem) -> VitalsEntry {
        func number(_ key: String) throws(Problem) -> Double? {
            guard let text = form.text(key) else { return nil }
            // Decimal commas are common at clinic desks.
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                throw Problem(message: "\(key) \"\(text)\" is not a number")
            }
            return value
        }
        func flag(_ key: String) -> Bool? { form[key] != nil ? true : nil }
        return VitalsEntry(
            temperatureC: try number("temperature_c"), respiratoryRate: try number("respiratory_rate"), spo2: try number("spo2"),
            pao2Fio2: try number("pao2_fio2"), shock: flag("shock"), multipleOrganFailure: flag("multiple_organ_failure"),
            respiratoryFailure: flag("respiratory_failure"), typicalClinic: flag("typical_clinic"))
    }
}
