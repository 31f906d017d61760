/// Formats measured values for the trace: whole numbers without a decimal point ("94", not "94.0").
enum NumberText {
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        // Enough digits for clinical values while hiding binary noise such as 38.50000000001.
        let rounded = (value * 1000).rounded() / 1000
        return "\(rounded)"
    }
}
