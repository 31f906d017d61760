import Testing
import VolumeIO
@testable import DICOM

@Suite("DICOM series assembly: sorting, spacing, gaps and duplicates")
struct SeriesAssemblyTests {
    /// The axial fixture (slices 2.5 mm apart along +z), with slice k moved to `z[k]`.
    private func axial(z: [Double]) throws -> [DICOMInstance] {
        var instances = try DICOMFixtures.instances("explicit_le").sorted { $0.imagePosition.z < $1.imagePosition.z }
        for (k, value) in z.enumerated() { instances[k].imagePosition.z = value }
        return Array(instances.prefix(z.count))
    }

    @Test("slices are sorted by position along the normal, not by instance number")
    func sortedByPosition() throws {
        var instances = try axial(z: [100, 102.5, 105, 107.5, 110, 112.5])
        for k in instances.indices { instances[k].instanceNumber = k % 2 == 0 ? 100 - k : k }
        let series = try DICOMSeries.assemble(instances.shuffled())
        #expect(series.sopInstanceUIDs == instances.map(\.sopInstanceUID))
        #expect(series.sliceSteps.allSatisfy { abs($0 - 2.5) < 1e-9 })
        #expect(series.flags.isEmpty)
    }

    @Test("uneven spacing is flagged and the mean step is used")
    func uneven() throws {
        let series = try DICOMSeries.assemble(axial(z: [100, 102.5, 105.2, 107.5, 110, 112.5]))
        #expect(series.flags == [.unevenSpacing])
        #expect(abs(series.volume.spacing.z - 2.5) < 1e-9)
        #expect(abs(series.volume.affine.rows[2][3] - 100) < 1e-9)
    }

    @Test("a missing slice is flagged as a gap")
    func gap() throws {
        let series = try DICOMSeries.assemble(axial(z: [100, 102.5, 105, 110, 112.5, 115]))
        #expect(series.flags == [.unevenSpacing, .sliceGap])
        #expect(series.sliceSteps.map { ($0 * 10).rounded() / 10 } == [2.5, 2.5, 5, 2.5, 2.5])
    }

    @Test("two different instances at one position are an error naming both")
    func duplicatePosition() throws {
        let instances = try axial(z: [100, 102.5, 102.5, 105, 107.5, 110])
        let error = #expect(throws: DICOMError.self) { try DICOMSeries.assemble(instances) }
        #expect(error?.code == .duplicatePosition)
        #expect(error?.message.contains(instances[1].sopInstanceUID) == true && error?.message.contains(instances[2].sopInstanceUID) == true)
    }

    @Test("the same instance twice is used once and flagged")
    func repeatedInstance() throws {
        let instances = try DICOMFixtures.instances("explicit_le")
        let series = try DICOMSeries.assemble(instances + [instances[2]])
        #expect(series.flags == [.repeatedInstances])
        #expect(series.volume == (try DICOMSeries.assemble(instances)).volume)
    }

    @Test("instances from two series are refused")
    func twoSeries() throws {
        let error = #expect(throws: DICOMError.self) {
            try DICOMSeries.assemble(DICOMFixtures.instances("explicit_le") + DICOMFixtures.instances("explicit_be"))
        }
        #expect(error?.code == .multipleSeries)
    }

    @Test("no instances, mismatched sizes and tilted stacks are refused")
    func refused() throws {
        #expect(throws: DICOMError(.emptySeries, "no instances to assemble")) { try DICOMSeries.assemble([]) }
        var resized = try DICOMFixtures.instances("explicit_le")
        resized[3].rows = 11
        resized[3].rawPixels.removeLast(16)
        let sizeError = #expect(throws: DICOMError.self) { try DICOMSeries.assemble(resized) }
        #expect(sizeError?.code == .inconsistentSeries)
        var tilted = try axial(z: [100, 102.5, 105, 107.5, 110, 112.5])
        for k in tilted.indices { tilted[k].imagePosition.y += Double(k) * 0.4 }
        let tiltError = #expect(throws: DICOMError.self) { try DICOMSeries.assemble(tilted) }
        #expect(tiltError?.code == .inconsistentSeries && tiltError?.message.contains("gantry tilt") == true)
    }

    @Test("a single slice uses Slice Thickness as its spacing")
    func singleSlice() throws {
        let series = try DICOMSeries.assemble(Array(DICOMFixtures.instances("feet_first").prefix(1)))
        #expect(series.volume.dims.z == 1)
        #expect(series.volume.spacing.z == 3)
    }
}
