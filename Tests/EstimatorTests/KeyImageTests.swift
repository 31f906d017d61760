import Testing
import CZlib
import VolumeIO
@testable import Estimator

struct KeyImageTests {
    @Test func pngHasSignatureAndInflatesToFilteredRows() throws {
        let pixels: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]
        let png = try PNGEncoder.encode(width: 2, height: 2, channels: 3, pixels: pixels)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let idatLength = Int(png[33]) << 24 | Int(png[34]) << 16 | Int(png[35]) << 8 | Int(png[36])
        let compressed = Array(png[41..<(41 + idatLength)])
        var output = [UInt8](repeating: 0, count: 64)
        var length = uLongf(output.count)
        let status = uncompress(&output, &length, compressed, uLong(compressed.count))
        #expect(status == Z_OK)
        let expected: [UInt8] = [0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 9, 9, 9]
        let inflated = Array(output.prefix(Int(length)))
        #expect(inflated == expected)
    }

    @Test func rejectsWrongPixelCount() {
        #expect(throws: PNGEncoder.EncodingError.self) { try PNGEncoder.encode(width: 2, height: 2, channels: 3, pixels: [0]) }
    }

    @Test func rendersThreeAxialAndOneCoronalInRadiologicalConvention() {
        // Only the patient's right half is lung: in radiological convention it shows on the image's left.
        let dims = SIMD3(8, 6, 4)
        let volume = Volume(dims: dims, spacing: SIMD3(1, 1, 2), affine: .diagonal(SIMD3(1, 1, 2)), voxels: [Int16](repeating: -850, count: 192))
        var packed = [UInt8](repeating: 0, count: 192)
        for z in 0..<4 { for y in 0..<6 { for x in 4..<8 { packed[volume.index(x, y, z)] = SegmentationMasks.rightLung | SegmentationMasks.lesion } } }
        let images = KeyImageRenderer().render(volume, masks: SegmentationMasks(volume: volume, packed: packed))
        #expect(images.count == 4)
        #expect(images.last!.height == 8)
        let axial = images[0]
        let redLeft = axial.rgb[3 * (2 * axial.width + 1)]
        let redRight = axial.rgb[3 * (2 * axial.width + 6)]
        #expect(redLeft > redRight)
    }
}
