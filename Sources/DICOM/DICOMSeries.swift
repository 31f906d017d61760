import VolumeIO

/// A CT series assembled into one `Volume`, with the voxel order and affine dcm2niix writes for the same files,
/// so a study reaches the estimator identically whether it arrived as DICOM or as dcm2niix's NIfTI.
public struct DICOMSeries: Sendable {
    /// Irregularities that do not stop assembly but that a reader of the result should know about.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Steps between consecutive slices differ from their median by more than 1 % (at least 0.01 mm);
        /// the volume uses the mean step, so the first and last slices are placed exactly.
        public static let unevenSpacing = Flags(rawValue: 1 << 0)
        /// At least one step is 1.5 × the median or more: slices are probably missing.
        public static let sliceGap = Flags(rawValue: 1 << 1)
        /// The same SOP Instance UID was given more than once with identical content; one copy was used.
        public static let repeatedInstances = Flags(rawValue: 1 << 2)
    }

    public var volume: Volume
    public var flags: Flags
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var patientIDHash: String?
    public var studyDate: String?
    public var studyTime: String?
    /// SOP Instance UIDs in volume slice order (k = 0 first).
    public var sopInstanceUIDs: [String]
    /// Distances in mm between consecutive slices along the slice normal, in slice order.
    public var sliceSteps: [Double]

    /// Builds the volume of one series.
    ///
    /// - All instances must share one Series Instance UID (else `multipleSeries`: the caller groups first),
    ///   one Study Instance UID, Rows, Columns, Pixel Spacing and Image Orientation.
    /// - Slices are sorted by Image Position · slice normal (not by Instance Number). Two different instances
    ///   at the same position are an error (`duplicatePosition`): there is no safe way to choose one.
    /// - Voxel order is dcm2niix's: i runs along a row (column index), j runs from the last row to the first
    ///   (dcm2niix flips rows so the NIfTI is stored bottom-up), k along the slice normal.
    public static func assemble(_ instances: [DICOMInstance], limits: DICOMLimits = DICOMLimits()) throws -> DICOMSeries {
        var flags: Flags = []
        let unique = try distinct(instances, flags: &flags)
        guard let first = unique.first else { throw DICOMError(.emptySeries, "no instances to assemble") }
        guard unique.count <= limits.maxSlices else {
            throw DICOMError(.limitExceeded, "the series has \(unique.count) instances; at most \(limits.maxSlices) accepted")
        }
        let seriesUIDs = Set(unique.map(\.seriesInstanceUID))
        guard seriesUIDs.count == 1 else {
            throw DICOMError(.multipleSeries, "instances of \(seriesUIDs.count) series given: \(seriesUIDs.sorted().prefix(3).joined(separator: ", "))")
        }
        try checkConsistent(unique, with: first)
        let stack = try SliceStack(unique)
        flags.formUnion(stack.flags)
        let (voxels, clamped) = voxelsInVolumeOrder(stack.slices)
        let volume = Volume(
            dims: SIMD3(first.columns, first.rows, stack.slices.count),
            spacing: SIMD3(first.columnSpacing, first.rowSpacing, stack.sliceSpacing),
            affine: stack.affine,
            voxels: voxels,
            valuesClamped: clamped
        )
        return DICOMSeries(
            volume: volume, flags: flags, studyInstanceUID: first.studyInstanceUID,
            seriesInstanceUID: first.seriesInstanceUID, patientIDHash: first.patientIDHash,
            studyDate: first.studyDate, studyTime: first.studyTime,
            sopInstanceUIDs: stack.slices.map(\.sopInstanceUID), sliceSteps: stack.steps
        )
    }

    /// Drops exact repeats of an instance (a sender retrying); a UID reused for different content is an error.
    private static func distinct(_ instances: [DICOMInstance], flags: inout Flags) throws -> [DICOMInstance] {
        var seen: [String: Int] = [:]
        var result: [DICOMInstance] = []
        for instance in instances {
            if let index = seen[instance.sopInstanceUID] {
                guard result[index] == instance else {
                    throw DICOMError(.inconsistentSeries, "SOP Instance UID \(instance.sopInstanceUID) given twice with different content")
                }
                flags.insert(.repeatedInstances)
                continue
            }
            seen[instance.sopInstanceUID] = result.count
            result.append(instance)
        }
        return result
    }

    private static func checkConsistent(_ instances: [DICOMInstance], with first: DICOMInstance) throws {
        func differ(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Bool { ((a - b) * (a - b)).sum() > 1e-8 }
        for instance in instances {
            let which = "instance \(instance.sopInstanceUID)"
            if instance.studyInstanceUID != first.studyInstanceUID {
                throw DICOMError(.inconsistentSeries, "\(which) has Study Instance UID \(instance.studyInstanceUID), not \(first.studyInstanceUID)")
            }
            if instance.rows != first.rows || instance.columns != first.columns {
                throw DICOMError(.inconsistentSeries, "\(which) is \(instance.rows) × \(instance.columns) (Rows × Columns), not \(first.rows) × \(first.columns)")
            }
            if abs(instance.rowSpacing - first.rowSpacing) > 1e-4 || abs(instance.columnSpacing - first.columnSpacing) > 1e-4 {
                throw DICOMError(.inconsistentSeries, "\(which) has Pixel Spacing \(instance.rowSpacing)\\\(instance.columnSpacing), not \(first.rowSpacing)\\\(first.columnSpacing)")
            }
            if differ(instance.rowDirection, first.rowDirection) || differ(instance.columnDirection, first.columnDirection) {
                throw DICOMError(.inconsistentSeries, "\(which) has a different Image Orientation (Patient) from the first instance")
            }
        }
    }

    /// HU = stored × slope + intercept, each instance with its own rescale, rounded half to even and clamped to Int16.
    private static func voxelsInVolumeOrder(_ slices: [DICOMInstance]) -> ([Int16], Bool) {
        let rows = slices[0].rows, columns = slices[0].columns
        var clamped = false
        let voxels = [Int16](unsafeUninitializedCapacity: rows * columns * slices.count) { buffer, initialized in
            for (k, slice) in slices.enumerated() {
                let slope = slice.rescaleSlope, intercept = slice.rescaleIntercept
                let integral = slope == 1 && intercept == intercept.rounded() && abs(intercept) < 1e9
                for j in 0..<rows {
                    let source = (rows - 1 - j) * columns, target = columns * (j + rows * k)
                    for i in 0..<columns {
                        let stored = slice.storedValue(slice.rawPixels[source + i])
                        let value = integral ? Double(Int64(stored) + Int64(intercept)) : (Double(stored) * slope + intercept).rounded(.toNearestOrEven)
                        if value > 32767 || value < -32768 { clamped = true }
                        buffer[target + i] = Int16(max(-32768, min(32767, value)))
                    }
                }
            }
            initialized = rows * columns * slices.count
        }
        return (voxels, clamped)
    }
}
