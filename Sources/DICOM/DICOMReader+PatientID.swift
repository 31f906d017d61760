extension DICOMReader {
    /// The digest the reader keeps for a Patient ID value given as text (e.g. a QIDO-RS `PatientID` query),
    /// computed exactly as for the element (`patientIDHash(bytes:)`).
    public static func patientIDHash(_ value: String) -> String? {
        patientIDHash(bytes: ArraySlice(value.utf8))
    }

    /// SHA-256 hex of a Patient ID's bytes as stored (any character set), padding spaces and NULs removed; nil
    /// when nothing is left.
    static func patientIDHash(bytes: ArraySlice<UInt8>) -> String? {
        var bytes = bytes
        while let last = bytes.last, last == 0x20 || last == 0 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 { bytes.removeFirst() }
        return bytes.isEmpty ? nil : HexDigest.sha256(bytes)
    }
}
