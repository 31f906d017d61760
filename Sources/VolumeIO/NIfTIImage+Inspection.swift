extension NIfTIImage {
    /// The one-line JSON object `ctriage inspect --json` prints (min/max/sum over scaled values; needs
    /// statistics, otherwise they are null). Non-finite numbers become null, since JSON has no NaN.
    public func inspectionJSON() -> String {
        let affineRows = volume.affine.rows.map { "[" + $0.map(Self.json).joined(separator: ",") + "]" }
        let fields: [(String, String)] = [
            ("dims", "[\(volume.dims.x),\(volume.dims.y),\(volume.dims.z)]"),
            ("spacing_mm", "[" + [volume.spacing.x, volume.spacing.y, volume.spacing.z].map(Self.json).joined(separator: ",") + "]"),
            ("datatype", "\"\(header.datatype.name)\""),
            ("affine", "[" + affineRows.joined(separator: ",") + "]"),
            ("scl_slope", Self.json(header.sclSlope)),
            ("scl_inter", Self.json(header.sclInter)),
            ("qform_code", String(header.qformCode)),
            ("sform_code", String(header.sformCode)),
            ("min", statistics.map { Self.json($0.minimum) } ?? "null"),
            ("max", statistics.map { Self.json($0.maximum) } ?? "null"),
            ("sum", statistics.map { Self.json($0.sum) } ?? "null"),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A human-readable multi-line summary for `ctriage inspect`.
    public func inspectionSummary() -> String {
        let d = volume.dims, s = volume.spacing
        var lines = [
            "NIfTI-\(header.version.rawValue) \(header.byteOrder == .littleEndian ? "little" : "big")-endian, \(header.datatype.name)",
            "dims        \(d.x) × \(d.y) × \(d.z)",
            "spacing     \(Self.short(s.x)) × \(Self.short(s.y)) × \(Self.short(s.z)) mm",
            "orientation \(volume.orientation) (qform_code \(header.qformCode), sform_code \(header.sformCode), qfac \(Self.short(header.pixdim[0])))",
            "scaling     " + (header.scaling.map { "× \(Self.short($0.slope)) + \(Self.short($0.intercept))" } ?? "none (scl_slope \(Self.short(header.sclSlope)))"),
            "affine",
        ]
        lines += volume.affine.rows.map { "  " + $0.map { Self.short($0) }.joined(separator: "  ") }
        if let statistics {
            lines.append("values      min \(Self.short(statistics.minimum)), max \(Self.short(statistics.maximum)), sum \(Self.short(statistics.sum))")
        }
        if volume.valuesClamped { lines.append("warning     some values were clamped to the Int16 range") }
        return lines.joined(separator: "\n")
    }

    static func json(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func short(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let scaled = (value * 10_000).rounded() / 10_000
        return "\(scaled)"
    }
}
