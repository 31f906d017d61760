extension RoutingDecision {
    /// One JSON object, keys in the documented order:
    /// `{"severity":…,"tier":…,"emergency":…,"decision":…,"trace":[…]}` (the `ctriage route --json` output).
    public func jsonText() -> String {
        let trace = self.trace.map(Self.quoted).joined(separator: ",")
        return "{\"severity\":\(Self.quoted(severity.name)),\"tier\":\(Self.quoted(tier.label)),"
            + "\"emergency\":\(emergency),\"decision\":\(Self.quoted(decision)),\"trace\":[\(trace)]}"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
