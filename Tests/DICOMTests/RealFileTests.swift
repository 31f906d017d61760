import Testing
@testable import DICOM

/// Files from real scanners shipped with pydicom's test data (see Scripts/make-dicom-fixtures.py); the real CT
/// instance is also checked against dcm2niix in `SeriesFixtureTests` (series "nema_ct_small").
@Suite("Real DICOM files")
struct RealFileTests {
    @Test("NEMA CT_small: a real CT instance reads with its tags")
    func nemaCT() throws {
        let instance = try DICOMFixtures.instances("nema_ct_small")[0]
        #expect(instance.rows == 128 && instance.columns == 128)
        #expect(instance.transferSyntax == .explicitVRLittleEndian)
        #expect(instance.sliceThickness == 5)
        #expect(instance.patientIDHash?.count == 64)
    }

    /// Non-CT files must be walked to the end (the modality is checked after the whole data set parsed),
    /// so these exercise real implicit VR, big-endian and deflated encodings.
    @Test("real non-CT files parse to the end and are refused by modality", arguments: [
        ("MR_small_implicit.dcm", "MR"), ("MR_small_bigendian.dcm", "MR"), ("image_dfl.dcm", "OT"),
    ])
    func nonCT(_ file: String, _ modality: String) throws {
        let error = #expect(throws: DICOMError.self) { try DICOMReader().read(DICOMFixtures.bytes("real/" + file)) }
        #expect(error?.code == .unsupportedModality)
        #expect(error?.message.contains("\"\(modality)\"") == true)
    }

    @Test("real compressed files are refused by transfer syntax", arguments: [
        ("MR_small_RLE.dcm", "RLE Lossless"), ("MR_small_jp2klossless.dcm", "JPEG 2000 (Lossless Only)"),
        ("JPEG-lossy.dcm", "JPEG Extended"),
    ])
    func compressed(_ file: String, _ name: String) throws {
        let error = #expect(throws: DICOMError.self) { try DICOMReader().read(DICOMFixtures.bytes("real/" + file)) }
        #expect(error?.code == .unsupportedTransferSyntax)
        #expect(error?.message.contains(name) == true, "\(error?.message ?? "")")
    }
}
