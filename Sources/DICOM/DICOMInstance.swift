/// One CT image read from a DICOM Part 10 file: the identifiers and geometry a series needs, and its pixels.
///
/// Directions and positions are in the DICOM patient frame (LPS+, millimetres); `DICOMSeries` converts to
/// NIfTI RAS+. The Patient ID is kept only as its SHA-256, never as the value.
public struct DICOMInstance: Sendable, Equatable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var sopInstanceUID: String
    public var modality: String
    /// SHA-256 (lowercase hex) of the Patient ID value with its padding removed; nil when the tag is absent or empty.
    public var patientIDHash: String?
    /// Study Date as written (DA, `YYYYMMDD`) and Study Time (TM, `HHMMSS.FFFFFF`, parts optional).
    public var studyDate: String?
    public var studyTime: String?
    public var instanceNumber: Int?
    public var sliceThickness: Double?
    /// Image Position (Patient): centre of the first transmitted pixel (row 0, column 0).
    public var imagePosition: SIMD3<Double>
    /// Image Orientation (Patient), first triple: the direction of increasing column index along a row.
    public var rowDirection: SIMD3<Double>
    /// Image Orientation (Patient), second triple: the direction of increasing row index down a column.
    public var columnDirection: SIMD3<Double>
    /// Pixel Spacing, first value: distance between the centres of adjacent rows.
    public var rowSpacing: Double
    /// Pixel Spacing, second value: distance between the centres of adjacent columns.
    public var columnSpacing: Double
    public var rows: Int
    public var columns: Int
    public var bitsAllocated: Int
    public var bitsStored: Int
    public var signedPixels: Bool
    public var rescaleSlope: Double
    public var rescaleIntercept: Double
    public var transferSyntax: TransferSyntax
    /// Pixel Data in native byte order, row by row, 8-bit samples widened; bits above Bits Stored are still
    /// there (`storedValue` removes them).
    public var rawPixels: [UInt16]

    /// Cross product of the row and column directions: the direction slices are stacked along.
    public var sliceNormal: SIMD3<Double> {
        let r = rowDirection, c = columnDirection
        let n = SIMD3(r.y * c.z - r.z * c.y, r.z * c.x - r.x * c.z, r.x * c.y - r.y * c.x)
        return n / (n * n).sum().squareRoot()
    }

    /// A raw sample as the stored value: unsigned samples masked to Bits Stored, signed ones sign-extended
    /// from bit Bits Stored − 1 (PS3.5 8.1.1).
    @inline(__always)
    public func storedValue(_ raw: UInt16) -> Int32 {
        let unused = UInt16(16 - bitsStored)
        if signedPixels { return Int32(Int16(bitPattern: raw << unused) >> unused) }
        return Int32((raw << unused) >> unused)
    }
}
