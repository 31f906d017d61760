/// Reads one DICOM Part 10 CT image from bytes: preamble, file meta group, then the data set in one of the
/// four native transfer syntaxes. Pure: no file, database or network access.
public struct DICOMReader: Sendable {
    public var limits: DICOMLimits

    public init(limits: DICOMLimits = DICOMLimits()) {
        self.limits = limits
    }

    public func read(_ bytes: [UInt8]) throws -> DICOMInstance {
        guard bytes.count >= 132, bytes[128..<132].elementsEqual("DICM".utf8) else {
            throw DICOMError(.notPart10, "no \"DICM\" after a 128-byte preamble: not a DICOM Part 10 file")
        }
        let meta = try DataSetParser.parseFileMeta(bytes, from: 132)
        guard let uidRange = meta.transferSyntax else {
            throw DICOMError(.notPart10, "the file meta group has no \(DICOMTag.transferSyntaxUID)")
        }
        let syntax = try TransferSyntax.named(Self.trimmed(String(decoding: bytes[uidRange], as: UTF8.self)))
        var parser: DataSetParser
        if syntax.deflated {
            let inflated = try RawInflater.inflate(bytes[meta.end...], maxOutput: limits.maxInflatedBytes)
            parser = DataSetParser(bytes: inflated, syntax: syntax, limits: limits)
            try parser.parse(from: 0)
        } else {
            parser = DataSetParser(bytes: bytes, syntax: syntax, limits: limits)
            try parser.parse(from: meta.end)
        }
        return try ElementValues(parser: parser).instance(limits: limits)
    }

    /// Strips the space and NUL padding DICOM puts after values.
    static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\0" }.reversed().drop { $0 == " " || $0 == "\0" }.reversed())
    }
}
