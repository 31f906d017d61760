extension EstimationResult {
    /// One line of `ctriage estimate --json`.
    public func jsonLine(file: String, elapsedMS: Double) -> String {
        JSONText.object([
            ("file", JSONText.string(file)),
            ("category", category.map { JSONText.string($0.description) } ?? "null"),
            ("involvement_percent", JSONText.number(involvementPercent)),
            ("left_involvement_percent", JSONText.number(leftInvolvementPercent)),
            ("right_involvement_percent", JSONText.number(rightInvolvementPercent)),
            ("lung_ml", JSONText.number(lungML, decimals: 1)),
            ("lesion_ml", JSONText.number(lesionML, decimals: 1)),
            ("left_lung_ml", JSONText.number(leftLungML, decimals: 1)),
            ("right_lung_ml", JSONText.number(rightLungML, decimals: 1)),
            ("flags", "[" + flags.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]"),
            ("elapsed_ms", JSONText.number(elapsedMS, decimals: 1)),
        ])
    }

    /// The line for a file that could not be estimated.
    public static func errorJSONLine(file: String, message: String) -> String {
        JSONText.object([("file", JSONText.string(file)), ("error", JSONText.string(message))])
    }

    /// One human-readable line.
    public func summaryLine(file: String, elapsedMS: Double) -> String {
        let categoryText = category?.description ?? "no category"
        let flagText = flags.isEmpty ? "" : "  [" + flags.map(\.rawValue).joined(separator: ", ") + "]"
        return "\(file): \(categoryText)  involvement \(JSONText.number(involvementPercent, decimals: 1)) % "
            + "(right \(JSONText.number(rightInvolvementPercent, decimals: 1)) %, left \(JSONText.number(leftInvolvementPercent, decimals: 1)) %)  "
            + "lungs \(JSONText.number(lungML, decimals: 0)) mL, lesions \(JSONText.number(lesionML, decimals: 0)) mL  "
            + "\(JSONText.number(elapsedMS, decimals: 0)) ms\(flagText)"
    }
}
