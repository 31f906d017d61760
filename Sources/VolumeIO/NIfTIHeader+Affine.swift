extension NIfTIHeader {
    /// Voxel → world transform exactly as nibabel's `get_best_affine`: the sform when `sform_code ≠ 0`,
    /// else the qform when `qform_code ≠ 0`, else nibabel's base affine (x flipped, origin at the centre).
    public func bestAffine() throws -> Affine {
        if sformCode != 0 { return sformAffine }
        if qformCode != 0 { return try qformAffine() }
        return baseAffine
    }

    public var sformAffine: Affine { Affine(rows: srow + [[0, 0, 0, 1]]) }

    /// Rotation from the unit quaternion (w filled in as nibabel's `fillpositive`), times the voxel sizes,
    /// with the third axis negated when qfac (`pixdim[0]`) is −1.
    public func qformAffine() throws -> Affine {
        let (b, c, d) = (quaternion.x, quaternion.y, quaternion.z)
        // nibabel tolerates |w²| within 3 ulps of the stored precision and calls it 0.
        let threshold = version == .nifti1 ? 3 * Double(Float.ulpOfOne) : 3 * Double.ulpOfOne
        let w2 = 1 - (b * b + c * c + d * d)
        let a: Double
        if abs(w2) < threshold {
            a = 0
        } else if w2 < 0 {
            throw NIfTIError(.invalidQuaternion, "quatern_b,c,d = \(b), \(c), \(d) have a squared norm above 1")
        } else {
            a = w2.squareRoot()
        }
        let rotation = Self.rotation(w: a, x: b, y: c, z: d)
        let sizes = [pixdim[1], pixdim[2], pixdim[3] * (pixdim[0] == -1 ? -1 : 1)]
        var rows = (0..<3).map { r in (0..<3).map { rotation[r][$0] * sizes[$0] } + [qoffset[r]] }
        rows.append([0, 0, 0, 1])
        return Affine(rows: rows)
    }

    /// nibabel's `shape_zoom_affine(shape, zooms, x_flip=True)`.
    public var baseAffine: Affine {
        var rows = [[Double]]()
        for axis in 0..<3 {
            let zoom = pixdim[axis + 1] * (axis == 0 ? -1 : 1)
            let origin = Double(dim[axis + 1] - 1) / 2
            var row = [0.0, 0, 0, -origin * zoom]
            row[axis] = zoom
            rows.append(row)
        }
        rows.append([0, 0, 0, 1])
        return Affine(rows: rows)
    }

    static func rotation(w: Double, x: Double, y: Double, z: Double) -> [[Double]] {
        let norm = w * w + x * x + y * y + z * z
        guard norm >= Double.ulpOfOne else { return [[1, 0, 0], [0, 1, 0], [0, 0, 1]] }
        let s = 2 / norm
        let (X, Y, Z) = (x * s, y * s, z * s)
        let (wX, wY, wZ) = (w * X, w * Y, w * Z)
        let (xX, xY, xZ) = (x * X, x * Y, x * Z)
        let (yY, yZ, zZ) = (y * Y, y * Z, z * Z)
        return [
            [1 - (yY + zZ), xY - wZ, xZ + wY],
            [xY + wZ, 1 - (xX + zZ), yZ - wX],
            [xZ - wY, yZ + wX, 1 - (xX + yY)],
        ]
    }
}
