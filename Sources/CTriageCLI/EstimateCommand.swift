import ArgumentParser
import Estimator
import Foundation
import VolumeIO

/// `ctriage estimate FILE...`: lung and lesion volumes, involvement and provisional category.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Estimate lung involvement and the provisional CT-0…CT-4 category of chest-CT NIfTI files."
    )

    @Argument(help: "NIfTI files (.nii or .nii.gz).")
    var files: [String]

    @Flag(help: "One JSON object per line and file.")
    var json = false

    @Option(help: "Write <name>_lungs.nii.gz (1 right, 2 left) and <name>_lesions.nii.gz here.")
    var masksOut: String?

    @Option(help: "Write key images (three axial, one coronal PNG) here.")
    var imagesOut: String?

    @Option(help: "Detection floor in percent: at or below reads CT-0.")
    var detectionFloor: Double = 0.5

    func run() throws {
        var configuration = EstimatorConfiguration()
        configuration.detectionFloorPercent = detectionFloor
        let estimator = LungEstimator(configuration: configuration)
        for directory in [masksOut, imagesOut].compactMap({ $0 }) { try StudyFiles.makeDirectory(directory) }
        var failed = 0
        for file in files {
            do {
                let (volume, result, elapsed) = try StudyFiles.estimate(path: file, estimator: estimator)
                print(json ? result.jsonLine(file: file, elapsedMS: elapsed) : result.summaryLine(file: file, elapsedMS: elapsed))
                let stem = StudyFiles.stem(file)
                if let masksOut { try StudyFiles.writeMasks(result, volume: volume, stem: stem, directory: masksOut) }
                if let imagesOut { try StudyFiles.writeKeyImages(result, volume: volume, stem: stem, directory: imagesOut) }
            } catch {
                failed += 1
                let message = "\(error)"
                if json {
                    print(EstimationResult.errorJSONLine(file: file, message: message))
                } else {
                    FileHandle.standardError.write(Data("error: \(file): \(message)\n".utf8))
                }
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
