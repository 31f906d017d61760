import VolumeIO

/// The slices of one series in order along the slice normal, their spacing, and the NIfTI affine.
struct SliceStack {
    var slices: [DICOMInstance]
    /// Steps between consecutive slices along the normal, mm.
    var steps: [Double]
    /// The slice spacing the volume uses: the mean step (Slice Thickness, or 1 mm, for a single slice).
    var sliceSpacing: Double
    var flags: DICOMSeries.Flags = []
    var affine: Affine

    /// Largest in-plane drift between slices (mm) still read as a straight stack; more is gantry tilt or a
    /// shifted table, which a regular grid cannot represent.
    static let maxInPlaneDrift = 0.05
    /// Positions closer than this along the normal are the same slice.
    static let samePosition = 1e-3

    init(_ instances: [DICOMInstance]) throws {
        let first = instances[0]
        let normal = first.sliceNormal
        func distance(_ instance: DICOMInstance) -> Double { (instance.imagePosition * normal).sum() }
        slices = instances.sorted { a, b in
            let da = distance(a), db = distance(b)
            if da != db { return da < db }
            return (a.instanceNumber ?? 0, a.sopInstanceUID) < (b.instanceNumber ?? 0, b.sopInstanceUID)
        }
        let origin = slices[0].imagePosition
        for slice in slices {
            let offset = slice.imagePosition - origin
            let inPlane = offset - normal * (offset * normal).sum()
            let drift = (inPlane * inPlane).sum().squareRoot()
            guard drift <= Self.maxInPlaneDrift else {
                throw DICOMError(.inconsistentSeries,
                                 "instance \(slice.sopInstanceUID) is \(drift) mm off the slice normal through the first slice (gantry tilt is not supported)")
            }
        }
        steps = zip(slices, slices.dropFirst()).map { distance($1) - distance($0) }
        for (index, step) in steps.enumerated() where step < Self.samePosition {
            throw DICOMError(.duplicatePosition,
                             "instances \(slices[index].sopInstanceUID) and \(slices[index + 1].sopInstanceUID) are both at \(distance(slices[index])) mm along the slice normal")
        }
        if steps.isEmpty {
            sliceSpacing = first.sliceThickness.flatMap { $0 > 0 ? $0 : nil } ?? 1
        } else {
            sliceSpacing = (distance(slices[slices.count - 1]) - distance(slices[0])) / Double(steps.count)
            let median = steps.sorted()[steps.count / 2]
            if steps.contains(where: { abs($0 - median) > max(0.01, 0.01 * median) }) { flags.insert(.unevenSpacing) }
            if steps.contains(where: { $0 >= 1.5 * median }) { flags.insert(.sliceGap) }
        }
        affine = Self.affine(first: slices[0], normal: normal, sliceSpacing: sliceSpacing)
    }

    /// DICOM LPS → NIfTI RAS (x and y negated), with rows flipped as dcm2niix does: voxel j = 0 is the last row.
    static func affine(first: DICOMInstance, normal: SIMD3<Double>, sliceSpacing: Double) -> Affine {
        let lpsToRAS = SIMD3<Double>(-1, -1, 1)
        let i = lpsToRAS * first.rowDirection * first.columnSpacing
        let j = lpsToRAS * first.columnDirection * -first.rowSpacing
        let k = lpsToRAS * normal * sliceSpacing
        let lastRow = first.imagePosition + first.columnDirection * first.rowSpacing * Double(first.rows - 1)
        let origin = lpsToRAS * lastRow
        return Affine(rows: [
            [i.x, j.x, k.x, origin.x],
            [i.y, j.y, k.y, origin.y],
            [i.z, j.z, k.z, origin.z],
            [0, 0, 0, 1],
        ])
    }
}
