extension NIfTIHeader {
    /// Parses and validates a complete header (348 bytes for NIfTI-1, 540 for NIfTI-2) before any voxel is
    /// allocated: magic, datatype, dimensions against `limits`, `vox_offset` and scaling.
    public init(parsing bytes: [UInt8], limits: NIfTIReader.Limits = .init()) throws {
        guard bytes.count >= 4 else {
            throw NIfTIError(.truncatedHeader, "header has \(bytes.count) bytes, sizeof_hdr needs 4")
        }
        guard let (version, bigEndian) = HeaderBytes.layout(sizeofHdr: Array(bytes[0..<4])) else {
            let raw = HeaderBytes(bytes: bytes, bigEndian: false).int32(0)
            throw NIfTIError(.badMagic, "sizeof_hdr is \(raw), expected 348 (NIfTI-1) or 540 (NIfTI-2)")
        }
        let size = version == .nifti1 ? 348 : 540
        guard bytes.count >= size else {
            throw NIfTIError(.truncatedHeader, "header has \(bytes.count) bytes, sizeof_hdr says \(size)")
        }
        let raw = HeaderBytes(bytes: bytes, bigEndian: bigEndian)
        self = try version == .nifti1 ? Self.nifti1(raw) : Self.nifti2(raw)
        try validate(limits: limits)
    }

    private static func checkMagic(_ raw: HeaderBytes, at offset: Int, expected: [UInt8]) throws {
        let found = Array(raw.bytes[offset..<offset + expected.count])
        guard found == expected else {
            let shown = found.prefix(3).map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
            let detail = found.starts(with: Array("ni".utf8)) ? " (a .hdr/.img pair; only single-file .nii is read)" : ""
            throw NIfTIError(.badMagic, "magic is \"\(shown.joined())\", expected \"n+\(expected[2] - 48)\"\(detail)")
        }
    }

    private static func nifti1(_ raw: HeaderBytes) throws -> NIfTIHeader {
        try checkMagic(raw, at: 344, expected: Array("n+1\0".utf8))
        let voxOffset = raw.float32(108)
        guard voxOffset.isFinite, voxOffset >= 0, voxOffset < 1e15, voxOffset.rounded() == voxOffset else {
            throw NIfTIError(.badVoxOffset, "vox_offset is \(voxOffset), expected a whole number ≥ 352")
        }
        return NIfTIHeader(
            version: .nifti1, byteOrder: raw.bigEndian ? .bigEndian : .littleEndian,
            dim: (0..<8).map { raw.int16(40 + 2 * $0) },
            datatype: try NIfTIDatatype.resolve(code: raw.int16(70)),
            pixdim: (0..<8).map { raw.float32(76 + 4 * $0) },
            voxOffset: Int(voxOffset),
            sclSlope: raw.float32(112), sclInter: raw.float32(116),
            qformCode: raw.int16(252), sformCode: raw.int16(254),
            quaternion: SIMD3(raw.float32(256), raw.float32(260), raw.float32(264)),
            qoffset: SIMD3(raw.float32(268), raw.float32(272), raw.float32(276)),
            srow: (0..<3).map { row in (0..<4).map { raw.float32(280 + 16 * row + 4 * $0) } },
            xyztUnits: raw.byte(123)
        ).fixedLikeNibabel()
    }

    private static func nifti2(_ raw: HeaderBytes) throws -> NIfTIHeader {
        try checkMagic(raw, at: 4, expected: Array("n+2\0\r\n\u{1A}\n".utf8))
        let dim64 = (0..<8).map { raw.int64(16 + 8 * $0) }
        // Keep huge 64-bit dims representable so validation can name them instead of trapping.
        let dim = dim64.map { Int(clamping: $0) }
        let voxOffset = raw.int64(168)
        guard voxOffset >= 0 else {
            throw NIfTIError(.badVoxOffset, "vox_offset is \(voxOffset), expected ≥ 544")
        }
        return NIfTIHeader(
            version: .nifti2, byteOrder: raw.bigEndian ? .bigEndian : .littleEndian,
            dim: dim,
            datatype: try NIfTIDatatype.resolve(code: raw.int16(12)),
            pixdim: (0..<8).map { raw.float64(104 + 8 * $0) },
            voxOffset: Int(voxOffset),
            sclSlope: raw.float64(176), sclInter: raw.float64(184),
            qformCode: raw.int32(344), sformCode: raw.int32(348),
            quaternion: SIMD3(raw.float64(352), raw.float64(360), raw.float64(368)),
            qoffset: SIMD3(raw.float64(376), raw.float64(384), raw.float64(392)),
            srow: (0..<3).map { row in (0..<4).map { raw.float64(400 + 32 * row + 8 * $0) } },
            xyztUnits: raw.int32(500)
        ).fixedLikeNibabel()
    }

    /// nibabel's `check_fix` on load: positive spatial pixdims (0 → 1), qfac ±1, known xform codes.
    private func fixedLikeNibabel() -> NIfTIHeader {
        var fixed = self
        for axis in 1...3 {
            let size = pixdim[axis]
            fixed.pixdim[axis] = size == 0 ? 1 : abs(size)
        }
        if pixdim[0] != -1 { fixed.pixdim[0] = 1 }
        if !(0...5).contains(qformCode) { fixed.qformCode = 0 }
        if !(0...5).contains(sformCode) { fixed.sformCode = 0 }
        return fixed
    }

    private func validate(limits: NIfTIReader.Limits) throws {
        let rank = dim[0]
        guard rank == 3 || (rank == 4 && dim[4] == 1) else {
            let detail = rank == 4 ? "dim[4] is \(dim[4]), only a single volume (dim[4] = 1) is read" : "dim[0] is \(rank), expected 3 or 4"
            throw NIfTIError(.badDim, detail)
        }
        for axis in 1...3 {
            guard dim[axis] > 0 else {
                throw NIfTIError(.badDim, "dim[\(axis)] is \(dim[axis]), expected > 0")
            }
            guard dim[axis] <= limits.maxDimension else {
                throw NIfTIError(.dimOverLimit, "dim[\(axis)] is \(dim[axis]), above the limit of \(limits.maxDimension)")
            }
        }
        guard voxOffset >= headerSize + 4 else {
            throw NIfTIError(.badVoxOffset, "vox_offset is \(voxOffset), expected ≥ \(headerSize + 4) for a single-file NIfTI-\(version.rawValue)")
        }
        try validateGeometry()
        if let scaling, !scaling.intercept.isFinite {
            throw NIfTIError(.invalidScaling, "scl_inter is \(scaling.intercept) while scl_slope is \(scaling.slope)")
        }
    }

    /// nibabel would return NaN spacing or a NaN affine here; every later volume figure would be NaN too.
    private func validateGeometry() throws {
        for axis in 1...3 where !pixdim[axis].isFinite {
            throw NIfTIError(.nonFiniteGeometry, "pixdim[\(axis)] is \(pixdim[axis])")
        }
        let (fields, values): (String, [Double]) = if sformCode != 0 {
            ("srow_x/y/z", srow.flatMap { $0 })
        } else if qformCode != 0 {
            ("quatern_b/c/d and qoffset_x/y/z", [quaternion.x, quaternion.y, quaternion.z, qoffset.x, qoffset.y, qoffset.z])
        } else {
            ("", [])
        }
        if let bad = values.first(where: { !$0.isFinite }) {
            throw NIfTIError(.nonFiniteGeometry, "\(fields) contain \(bad)")
        }
    }
}
