import Testing
@testable import VolumeIO

@Suite("Fixtures agree with nibabel")
struct FixtureTests {
    @Test("fixture set covers every case the issue lists")
    func coverage() {
        let all = Fixtures.expected
        #expect(Set(all.map(\.datatype)) == Set(NIfTIDatatype.allCases.map(\.name)))
        #expect(all.contains { $0.big_endian } && all.contains { !$0.big_endian })
        #expect(all.contains { $0.nifti_version == 2 } && all.contains { $0.gzip } && all.contains { !$0.gzip })
        #expect(all.contains { $0.qform_code > 0 && $0.sform_code == 0 })
        #expect(all.contains { $0.qform_code == 0 && $0.sform_code > 0 })
        #expect(all.contains { $0.qform_code == 0 && $0.sform_code == 0 })
        #expect(all.contains { $0.qfac == -1 && $0.sform_code == 0 })
        #expect(all.contains { ($0.scl_slope ?? 1) != 1 && ($0.scl_slope ?? 0) != 0 })
        #expect(all.contains { $0.clamped })
    }

    @Test("reading from memory matches nibabel", arguments: Fixtures.expected)
    func fromMemory(_ expected: Fixtures.Expected) throws {
        let image = try NIfTIReader().read(Fixtures.bytes(expected.file), collectStatistics: true)
        try check(image, against: expected)
    }

    @Test("streaming from disk matches nibabel", arguments: Fixtures.expected)
    func fromFile(_ expected: Fixtures.Expected) throws {
        let image = try NIfTIReader().read(contentsOfFile: Fixtures.path(expected.file), collectStatistics: true)
        try check(image, against: expected)
    }

    @Test("reading without statistics takes the fast path to the same voxels", arguments: Fixtures.expected)
    func withoutStatistics(_ expected: Fixtures.Expected) throws {
        let fast = try NIfTIReader().read(Fixtures.bytes(expected.file))
        let slow = try NIfTIReader().read(Fixtures.bytes(expected.file), collectStatistics: true)
        #expect(fast.statistics == nil)
        #expect(fast.volume == slow.volume)
    }

    private func check(_ image: NIfTIImage, against expected: Fixtures.Expected) throws {
        let volume = image.volume
        #expect([volume.dims.x, volume.dims.y, volume.dims.z] == expected.dims)
        #expect(image.header.version.rawValue == expected.nifti_version)
        #expect((image.header.byteOrder == .bigEndian) == expected.big_endian)
        #expect(image.header.datatype.name == expected.datatype)
        #expect(image.header.qformCode == expected.qform_code)
        #expect(image.header.sformCode == expected.sform_code)
        #expect(image.header.pixdim[0] == expected.qfac)
        #expect(Self.same(image.header.sclSlope, expected.scl_slope))
        #expect(Self.same(image.header.sclInter, expected.scl_inter))
        for axis in 0..<3 {
            #expect(Self.close(image.header.pixdim[axis + 1], expected.zooms[axis], tolerance: 1e-12))
            #expect(Self.close(volume.spacing[axis], expected.spacing_mm[axis], tolerance: 1e-9))
        }
        // qforms are rebuilt from float32 quaternions, so agreement is to float32 precision.
        for row in 0..<4 {
            for column in 0..<4 {
                #expect(Self.close(volume.affine.rows[row][column], expected.affine[row][column], tolerance: 1e-5),
                        "affine[\(row)][\(column)]")
            }
        }
        let statistics = try #require(image.statistics)
        #expect(statistics.minimum == expected.min)
        #expect(statistics.maximum == expected.max)
        #expect(Self.close(statistics.sum, expected.sum, tolerance: 1e-12))
        #expect(volume.voxels.reduce(0) { $0 + Int($1) } == expected.hu_sum)
        let weighted = volume.voxels.enumerated().reduce(0) { $0 + Int($1.element) * ($1.offset % 997 + 1) }
        #expect(weighted == expected.hu_weighted_sum)
        #expect(volume.valuesClamped == expected.clamped)
    }

    private static func same(_ value: Double, _ expected: Double?) -> Bool {
        expected.map { $0 == value } ?? !value.isFinite
    }

    /// Relative tolerance for large values, absolute near zero.
    static func close(_ value: Double, _ expected: Double, tolerance: Double) -> Bool {
        abs(value - expected) <= tolerance * Swift.max(1, abs(expected))
    }
}
