import Estimator
import Foundation
import VolumeIO

/// File-system side of the estimator commands: the Estimator module itself never touches files.
enum StudyFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The whole file, read straight into the array (no intermediate `Data` copy).
    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw Failure(description: "cannot read \(path)") }
        defer { fclose(file) }
        guard fseeko(file, 0, SEEK_END) == 0 else { throw Failure(description: "cannot read \(path)") }
        let size = Int(ftello(file))
        guard size >= 0, fseeko(file, 0, SEEK_SET) == 0 else { throw Failure(description: "cannot read \(path)") }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = size == 0 ? 0 : fread(buffer.baseAddress, 1, size, file)
        }
        guard bytes.count == size else { throw Failure(description: "cannot read \(path)") }
        return bytes
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw Failure(description: "cannot write \(path)")
        }
    }

    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// "dir/case_0001.nii.gz" → "case_0001".
    static func stem(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".nii.gz", ".nii", ".gz"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    static func join(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Reads a NIfTI file from memory and estimates, timing bytes → result (inflate included).
    /// The compressed bytes are released once inflated (when the caller hands them over with `consume`).
    static func estimate(bytes: consuming [UInt8], estimator: LungEstimator) throws -> (Volume, EstimationResult, Double) {
        let start = ContinuousClock.now
        let (volume, result) = try estimator.estimate(nifti: consume bytes)
        return (volume, result, milliseconds(since: start))
    }

    /// Streams a NIfTI file from disk and estimates while it inflates, timing file → result: only the
    /// voxels are ever held, never the whole compressed file.
    static func estimate(path: String, estimator: LungEstimator) throws -> (Volume, EstimationResult, Double) {
        try timed { try estimator.estimate { watcher in try NIfTIReader().read(contentsOfFile: path, watcher: watcher) } }
    }

    private static func timed(_ body: () throws -> (Volume, EstimationResult)) rethrows -> (Volume, EstimationResult, Double) {
        let start = ContinuousClock.now
        let (volume, result) = try body()
        return (volume, result, milliseconds(since: start))
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    static func writeMasks(_ result: EstimationResult, volume: Volume, stem: String, directory: String) throws {
        let writer = NIfTIWriter()
        try write(writer.gzippedMask(result.masks.lungLabels, dims: volume.dims, affine: volume.affine), to: join(directory, "\(stem)_lungs.nii.gz"))
        try write(writer.gzippedMask(result.masks.lesionMask, dims: volume.dims, affine: volume.affine), to: join(directory, "\(stem)_lesions.nii.gz"))
    }

    static func writeKeyImages(_ result: EstimationResult, volume: Volume, stem: String, directory: String) throws {
        for image in KeyImageRenderer().render(volume, masks: result.masks) {
            let png = try PNGEncoder.encode(width: image.width, height: image.height, channels: 3, pixels: image.rgb)
            try write(png, to: join(directory, "\(stem)_\(image.name).png"))
        }
    }
}
