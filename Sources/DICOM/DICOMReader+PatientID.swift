extension DICOMReader {
    /// The digest the reader keeps for a Patient ID value given as text (e.g. a QIDO-RS `PatientID` query),
    /// computed exactly as for the element: its UTF-8 bytes, padding spaces and NULs removed.
    public static func patientIDHash(_ value: String) -> String? {
        var bytes = ArraySlice(value.utf8)
        while let last = bytes.last, last == 0x20 || last == 0 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 { bytes.removeFirst() }
        return bytes.isEmpty ? nil : HexDigest.sha256(bytes)
    }
}
