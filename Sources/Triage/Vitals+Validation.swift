extension Vitals {
    /// Rejects implausible values (typos such as 366 for 36.6) before they can drive a route.
    public func validate(against ranges: RoutingRules.InputRanges) throws(TriageError) {
        for field in VitalField.allCases {
            guard let value = self[field] else { continue }
            let range = ranges[field]
            guard value.isFinite, range.contains(value) else {
                throw TriageError(
                    code: .vitalOutOfRange,
                    subject: field.key,
                    message: "\(field.key) \(NumberText.format(value)) \(field.unit) is outside the accepted range "
                        + "\(NumberText.format(range.lowerBound))–\(NumberText.format(range.upperBound)) \(field.unit)"
                )
            }
        }
    }
}
