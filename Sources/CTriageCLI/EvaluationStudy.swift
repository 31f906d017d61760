import Estimator
import Foundation
import VolumeIO

/// One study to evaluate and where its truth lives, found from a MosMedData or a synth layout.
struct EvaluationStudy: Sendable {
    var name: String
    var path: String
    var truthCategory: CTCategory?
    var truthInvolvementPercent: Double?
    var lungMaskPath: String?
    var lesionMaskPath: String?

    /// `DIR/truth.csv` (synth) or `DIR/studies/CT-k/*.nii.gz` with optional `DIR/masks/<stem>_mask.nii.gz`.
    static func discover(in directory: String) throws -> [EvaluationStudy] {
        let files = FileManager.default
        let truthPath = StudyFiles.join(directory, "truth.csv")
        if files.fileExists(atPath: truthPath) {
            let csv = String(decoding: try StudyFiles.readBytes(truthPath), as: UTF8.self)
            return try TruthTable(csv: csv).rows.map { row in
                EvaluationStudy(
                    name: row.name, path: StudyFiles.join(directory, "\(row.name).nii.gz"),
                    truthCategory: row.category, truthInvolvementPercent: row.involvementPercent,
                    lungMaskPath: StudyFiles.join(directory, "\(row.name)_lungs.nii.gz"),
                    lesionMaskPath: StudyFiles.join(directory, "\(row.name)_lesions.nii.gz")
                )
            }
        }
        let studiesDirectory = StudyFiles.join(directory, "studies")
        guard files.fileExists(atPath: studiesDirectory) else {
            throw StudyFiles.Failure(description: "\(directory) has neither truth.csv nor a studies/ folder")
        }
        var studies: [EvaluationStudy] = []
        for folder in try files.contentsOfDirectory(atPath: studiesDirectory).sorted() {
            guard let category = CTCategory(label: folder) else { continue }
            let folderPath = StudyFiles.join(studiesDirectory, folder)
            for file in try files.contentsOfDirectory(atPath: folderPath).sorted() where file.hasSuffix(".nii.gz") || file.hasSuffix(".nii") {
                let stem = StudyFiles.stem(file)
                let mask = StudyFiles.join(StudyFiles.join(directory, "masks"), "\(stem)_mask.nii.gz")
                studies.append(EvaluationStudy(
                    name: stem, path: StudyFiles.join(folderPath, file), truthCategory: category,
                    lesionMaskPath: files.fileExists(atPath: mask) ? mask : nil
                ))
            }
        }
        return studies
    }

    /// Reads, estimates and compares; a failure becomes a record with its reason.
    func evaluate(with estimator: LungEstimator) -> EvaluationRecord {
        var record = EvaluationRecord(study: name, truthCategory: truthCategory, truthInvolvementPercent: truthInvolvementPercent)
        do {
            let (_, result, elapsed) = try StudyFiles.estimate(path: path, estimator: estimator)
            record.estimatedCategory = result.category
            record.estimatedInvolvementPercent = result.involvementPercent
            record.flags = result.flags
            record.elapsedMS = elapsed
            if let lungMaskPath, let truth = try? Self.mask(lungMaskPath) {
                record.lungDice = Dice.coefficient(result.masks.lungLabels, truth)
            }
            // Dice is reported only where the truth has lesions: on a healthy study it says nothing.
            if let lesionMaskPath, let truth = try? Self.mask(lesionMaskPath), truth.count == result.masks.voxelCount, truth.contains(1) {
                record.lesionDice = Dice.coefficient(result.masks.lesionMask, truth)
            }
        } catch {
            record.failure = "\(error)"
        }
        return record
    }

    private static func mask(_ path: String) throws -> [UInt8] {
        try NIfTIReader().read(contentsOfFile: path).volume.voxels.map { $0 != 0 ? 1 : 0 }
    }
}
