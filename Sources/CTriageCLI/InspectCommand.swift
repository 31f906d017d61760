import ArgumentParser
import Foundation
import VolumeIO

/// `ctriage inspect FILE [--json]`: what CTriage reads from a NIfTI file, for checking against nibabel.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the header, affine and value range of a .nii or .nii.gz file."
    )

    @Argument(help: "A single-file NIfTI-1 or NIfTI-2 volume (.nii or .nii.gz).")
    var file: String

    @Flag(help: "Print one JSON object: dims, spacing_mm, datatype, affine, scl_slope, scl_inter, qform_code, sform_code, min, max, sum.")
    var json = false

    func run() throws {
        let image: NIfTIImage
        do {
            image = try NIfTIReader().read(contentsOfFile: file, collectStatistics: true)
        } catch let error as NIfTIError {
            let message = error.message.contains(file) ? error.message : "\(file): \(error.message)"
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            throw ExitCode.failure
        }
        print(json ? image.inspectionJSON() : image.inspectionSummary())
    }
}
