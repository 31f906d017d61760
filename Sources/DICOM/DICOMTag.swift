/// A data element tag (group, element), printed as DICOM writes it: `(0028,0010) Rows`.
public struct DICOMTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var group: UInt16
    public var element: UInt16

    public init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    public static func < (lhs: DICOMTag, rhs: DICOMTag) -> Bool {
        (lhs.group, lhs.element) < (rhs.group, rhs.element)
    }

    public var description: String {
        let text = "(\(Self.hex(group)),\(Self.hex(element)))"
        guard let name = Self.names[self] else { return text }
        return "\(text) \(name)"
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    // File meta and delimiters.
    static let transferSyntaxUID = DICOMTag(0x0002, 0x0010)
    static let item = DICOMTag(0xFFFE, 0xE000)
    static let itemDelimitation = DICOMTag(0xFFFE, 0xE00D)
    static let sequenceDelimitation = DICOMTag(0xFFFE, 0xE0DD)

    // The elements the reader keeps.
    static let sopInstanceUID = DICOMTag(0x0008, 0x0018)
    static let studyDate = DICOMTag(0x0008, 0x0020)
    static let studyTime = DICOMTag(0x0008, 0x0030)
    static let modality = DICOMTag(0x0008, 0x0060)
    static let patientID = DICOMTag(0x0010, 0x0020)
    static let sliceThickness = DICOMTag(0x0018, 0x0050)
    static let studyInstanceUID = DICOMTag(0x0020, 0x000D)
    static let seriesInstanceUID = DICOMTag(0x0020, 0x000E)
    static let instanceNumber = DICOMTag(0x0020, 0x0013)
    static let imagePosition = DICOMTag(0x0020, 0x0032)
    static let imageOrientation = DICOMTag(0x0020, 0x0037)
    static let samplesPerPixel = DICOMTag(0x0028, 0x0002)
    static let numberOfFrames = DICOMTag(0x0028, 0x0008)
    static let rows = DICOMTag(0x0028, 0x0010)
    static let columns = DICOMTag(0x0028, 0x0011)
    static let pixelSpacing = DICOMTag(0x0028, 0x0030)
    static let bitsAllocated = DICOMTag(0x0028, 0x0100)
    static let bitsStored = DICOMTag(0x0028, 0x0101)
    static let pixelRepresentation = DICOMTag(0x0028, 0x0103)
    static let rescaleIntercept = DICOMTag(0x0028, 0x1052)
    static let rescaleSlope = DICOMTag(0x0028, 0x1053)
    static let pixelData = DICOMTag(0x7FE0, 0x0010)

    static let names: [DICOMTag: String] = [
        transferSyntaxUID: "Transfer Syntax UID", item: "Item", itemDelimitation: "Item Delimitation Item",
        sequenceDelimitation: "Sequence Delimitation Item", sopInstanceUID: "SOP Instance UID",
        studyDate: "Study Date", studyTime: "Study Time", modality: "Modality", patientID: "Patient ID",
        sliceThickness: "Slice Thickness", studyInstanceUID: "Study Instance UID",
        seriesInstanceUID: "Series Instance UID", instanceNumber: "Instance Number",
        imagePosition: "Image Position (Patient)", imageOrientation: "Image Orientation (Patient)",
        samplesPerPixel: "Samples per Pixel", numberOfFrames: "Number of Frames", rows: "Rows", columns: "Columns",
        pixelSpacing: "Pixel Spacing", bitsAllocated: "Bits Allocated", bitsStored: "Bits Stored",
        pixelRepresentation: "Pixel Representation", rescaleIntercept: "Rescale Intercept",
        rescaleSlope: "Rescale Slope", pixelData: "Pixel Data",
    ]

    /// Tags whose value the reader keeps; every other element is skipped.
    static let kept: Set<DICOMTag> = Set(names.keys).subtracting([transferSyntaxUID, item, itemDelimitation, sequenceDelimitation])

    /// Kept tags holding a binary US value, needed to decode them in implicit VR (no VR on the wire).
    static let unsignedShorts: Set<DICOMTag> = [samplesPerPixel, rows, columns, bitsAllocated, bitsStored, pixelRepresentation]
}
