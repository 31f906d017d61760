/// Writes NIfTI-1 `.nii.gz` files (little-endian, single file) that nibabel reads back with the same affine:
/// the affine goes into the sform verbatim and, as a rotation plus voxel sizes, into the qform.
public struct NIfTIWriter: Sendable {
    public enum Datatype: Sendable { case uint8, int16 }

    /// Codes written for both transforms; 1 is "scanner anatomical", as MosMedData's writer uses.
    public var qformCode: Int16
    public var sformCode: Int16
    public var compressionLevel: Int32

    public init(qformCode: Int16 = 1, sformCode: Int16 = 1, compressionLevel: Int32 = 6) {
        self.qformCode = qformCode
        self.sformCode = sformCode
        self.compressionLevel = compressionLevel
    }

    /// An int16 HU volume, or a label mask as uint8 (values must then lie in 0…255).
    public func gzippedNIfTI(_ volume: Volume, as datatype: Datatype = .int16) throws -> [UInt8] {
        switch datatype {
        case .int16:
            var file = header(dims: volume.dims, affine: volume.affine, datatype: .int16)
            volume.voxels.withUnsafeBufferPointer { voxels in
                file.reserveCapacity(file.count + voxels.count * 2)
                for value in voxels { file.append(UInt8(truncatingIfNeeded: value)); file.append(UInt8(truncatingIfNeeded: value >> 8)) }
            }
            return try DeflateEncoder(format: .gzip, level: compressionLevel).compress(file)
        case .uint8:
            if let bad = volume.voxels.firstIndex(where: { !(0...255).contains($0) }) {
                throw NIfTIError(.unwritableVolume, "voxel \(bad) is \(volume.voxels[bad]), a uint8 mask needs 0…255")
            }
            return try gzippedMask(volume.voxels.map { UInt8($0) }, dims: volume.dims, affine: volume.affine)
        }
    }

    /// A uint8 mask on the grid `dims` placed by `affine`.
    public func gzippedMask(_ mask: [UInt8], dims: SIMD3<Int>, affine: Affine) throws -> [UInt8] {
        guard mask.count == dims.x * dims.y * dims.z else {
            throw NIfTIError(.unwritableVolume, "mask has \(mask.count) voxels, dims \(dims.x)×\(dims.y)×\(dims.z) need \(dims.x * dims.y * dims.z)")
        }
        let file = header(dims: dims, affine: affine, datatype: .uint8) + mask
        return try DeflateEncoder(format: .gzip, level: compressionLevel).compress(file)
    }

    /// The 348-byte header, 4 zero extension bytes, voxels start at 352.
    func header(dims: SIMD3<Int>, affine: Affine, datatype: NIfTIDatatype) -> [UInt8] {
        var bytes = HeaderWriter(count: 352)
        let qform = QuaternionForm(affine: affine)
        bytes.int32(0, 348)
        bytes.byte(38, UInt8(ascii: "r"))  // "regular", as nibabel writes
        for (index, value) in [3, dims.x, dims.y, dims.z, 1, 1, 1, 1].enumerated() { bytes.int16(40 + 2 * index, Int16(clamping: value)) }
        bytes.int16(70, Int16(datatype.rawValue))
        bytes.int16(72, Int16(datatype.bytesPerVoxel * 8))
        let pixdim = [qform.qfac, qform.voxelSizes.x, qform.voxelSizes.y, qform.voxelSizes.z, 1, 1, 1, 1]
        for (index, value) in pixdim.enumerated() { bytes.float32(76 + 4 * index, value) }
        bytes.float32(108, 352)
        bytes.float32(112, 1)
        bytes.float32(116, 0)
        bytes.byte(123, 2)  // xyzt_units: millimetres
        bytes.int16(252, qformCode)
        bytes.int16(254, sformCode)
        for (index, value) in [qform.quaternion.x, qform.quaternion.y, qform.quaternion.z].enumerated() { bytes.float32(256 + 4 * index, value) }
        for axis in 0..<3 { bytes.float32(268 + 4 * axis, affine.rows[axis][3]) }
        for row in 0..<3 { for column in 0..<4 { bytes.float32(280 + 16 * row + 4 * column, affine.rows[row][column]) } }
        for (index, byte) in "n+1\0".utf8.enumerated() { bytes.byte(344 + index, byte) }
        return bytes.bytes
    }
}

/// Little-endian field writer for a zero-filled header.
struct HeaderWriter {
    var bytes: [UInt8]

    init(count: Int) { bytes = [UInt8](repeating: 0, count: count) }

    mutating func byte(_ offset: Int, _ value: UInt8) { bytes[offset] = value }

    mutating func int16(_ offset: Int, _ value: Int16) {
        for index in 0..<2 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    mutating func int32(_ offset: Int, _ value: Int32) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    mutating func float32(_ offset: Int, _ value: Double) {
        let bits = Float(value).bitPattern
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: bits >> (8 * index)) }
    }
}
