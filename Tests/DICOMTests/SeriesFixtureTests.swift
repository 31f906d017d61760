import Testing
import VolumeIO
@testable import DICOM

@Suite("DICOM series agree with dcm2niix")
struct SeriesFixtureTests {
    @Test("fixtures cover every supported transfer syntax")
    func coverage() throws {
        var syntaxes: [String] = []
        for expected in DICOMFixtures.expected {
            syntaxes += try DICOMFixtures.instances(expected.series).map(\.transferSyntax.uid)
        }
        #expect(Set(syntaxes) == Set(TransferSyntax.supported.map(\.uid)))
        #expect(DICOMFixtures.expected.contains { $0.clamped })
    }

    @Test("volume, spacing and affine equal dcm2niix's", arguments: DICOMFixtures.expected)
    func matchesDcm2niix(_ expected: DICOMFixtures.Expected) throws {
        let series = try DICOMSeries.assemble(DICOMFixtures.instances(expected.series))
        let volume = series.volume
        #expect([volume.dims.x, volume.dims.y, volume.dims.z] == expected.dims)
        for axis in 0..<3 {
            #expect(abs(volume.spacing[axis] - expected.spacing_mm[axis]) < 1e-3, "spacing[\(axis)]")
        }
        for row in 0..<4 {
            for column in 0..<4 {
                #expect(abs(volume.affine.rows[row][column] - expected.affine[row][column]) < 1e-3, "affine[\(row)][\(column)]")
            }
        }
        #expect(volume.orientation.description == expected.orientation)
        let values = volume.voxels.map(Int.init)
        #expect(values.reduce(0, +) == expected.hu_sum)
        #expect(values.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 997 + 1) } == expected.hu_weighted_sum)
        #expect(values.min() == expected.hu_min && values.max() == expected.hu_max)
        #expect(volume.valuesClamped == expected.clamped)
        #expect(series.flags.isEmpty)
        #expect(series.sopInstanceUIDs.count == expected.dims[2])
    }

    @Test("the order instances arrive in does not matter")
    func orderIndependent() throws {
        let instances = try DICOMFixtures.instances("oblique")
        let forward = try DICOMSeries.assemble(instances)
        let backward = try DICOMSeries.assemble(instances.reversed())
        #expect(forward.volume == backward.volume)
        #expect(forward.sopInstanceUIDs == backward.sopInstanceUIDs)
    }

    @Test("instance fields: identifiers, dates, pseudonymous patient hash")
    func instanceFields() throws {
        let instance = try DICOMReader().read(DICOMFixtures.bytes("series/implicit_le/im01.dcm"))
        #expect(instance.modality == "CT")
        #expect(instance.instanceNumber == 1)
        #expect(instance.imagePosition == SIMD3(-6, -4.5, 112.5))
        #expect(instance.rows == 12 && instance.columns == 16)
        #expect(instance.rowSpacing == 0.75 && instance.columnSpacing == 0.8)
        #expect(instance.studyDate == "20260115" && instance.studyTime == "093000")
        #expect(instance.sliceThickness == 2.5)
        #expect(instance.patientIDHash == "fb59aef31f27ffe92735e1565d2192013286bc3e81743e2477739688a80f6c26")
        // The raw Patient ID must not survive anywhere in the value.
        #expect(!String(describing: instance).contains("FIXTURE-0001"))
        let series = try DICOMSeries.assemble(DICOMFixtures.instances("implicit_le"))
        #expect(series.patientIDHash == instance.patientIDHash)
        #expect(series.studyInstanceUID == instance.studyInstanceUID)
    }

    @Test("the Patient ID digest is SHA-256 in lower-case hex (FIPS 180-4 test vectors)")
    func sha256() {
        #expect(HexDigest.sha256([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(HexDigest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(HexDigest.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
