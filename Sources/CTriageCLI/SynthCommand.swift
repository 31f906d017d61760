import ArgumentParser
import Estimator
import Foundation
import VolumeIO

/// `ctriage synth`: synthetic chest CTs with exact truth, for evaluating the estimator.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write synthetic chest-CT phantoms (case_NNNN.nii.gz, _lungs, _lesions) and truth.csv."
    )

    @Option(help: "Output directory (created if missing).")
    var out: String

    @Option(help: "Number of cases.")
    var count: Int = 10

    @Option(help: "Seed; the same seed always gives the same cases.")
    var seed: UInt64 = 1

    @Option(help: "In-plane matrix size.")
    var size: Int = 512

    @Option(help: "Number of axial slices.")
    var slices: Int = 40

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive, got \(count)") }
        guard (32...1024).contains(size) else { throw ValidationError("--size must be 32…1024, got \(size)") }
        guard (4...512).contains(slices) else { throw ValidationError("--slices must be 4…512, got \(slices)") }
    }

    func run() throws {
        try StudyFiles.makeDirectory(out)
        let generator = PhantomGenerator(seed: seed)
        let writer = NIfTIWriter()
        var rows: [TruthTable.Row] = []
        for number in 1...count {
            let name = "case_" + String(format: "%04d", number)
            let phantom = generator.makeCase(number: number, .init(size: size, slices: slices))
            let volume = phantom.volume
            try StudyFiles.write(writer.gzippedNIfTI(volume), to: StudyFiles.join(out, "\(name).nii.gz"))
            try StudyFiles.write(writer.gzippedMask(phantom.lungTruth, dims: volume.dims, affine: volume.affine), to: StudyFiles.join(out, "\(name)_lungs.nii.gz"))
            try StudyFiles.write(writer.gzippedMask(phantom.lesionTruth, dims: volume.dims, affine: volume.affine), to: StudyFiles.join(out, "\(name)_lesions.nii.gz"))
            rows.append(TruthTable.Row(
                name: name, lungML: phantom.lungML, lesionML: phantom.lesionML,
                involvementPercent: phantom.involvementPercent, category: phantom.category()
            ))
            let features = phantom.features.isEmpty ? "" : " [" + phantom.features.joined(separator: ", ") + "]"
            print("\(name): \(phantom.category()) \(String(format: "%.1f", phantom.involvementPercent)) % \(volume.orientation)\(features)")
        }
        try StudyFiles.write(Array(TruthTable(rows: rows).csv.utf8), to: StudyFiles.join(out, "truth.csv"))
    }
}
