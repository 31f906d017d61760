import ArgumentParser
import Estimator
import Foundation

/// `ctriage evaluate DIR`: the estimator against known categories (and masks, and involvement).
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate the estimator on a MosMedData-layout or synth-layout folder."
    )

    @Argument(help: "Folder with truth.csv (ctriage synth) or studies/CT-0…CT-4 (MosMedData).")
    var directory: String

    @Option(help: "Studies evaluated at the same time.")
    var workers: Int = 1

    @Option(help: "Write one CSV line per study here.")
    var csv: String?

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1, got \(workers)") }
    }

    func run() async throws {
        let studies = try EvaluationStudy.discover(in: directory)
        guard !studies.isEmpty else { throw ValidationError("no studies found in \(directory)") }
        let estimator = LungEstimator()
        let progress = EvaluationProgress(total: studies.count, onTerminal: isatty(STDERR_FILENO) != 0)
        var records = [EvaluationRecord?](repeating: nil, count: studies.count)
        await withTaskGroup(of: (Int, EvaluationRecord).self) { group in
            var next = 0
            func launch() {
                let index = next, study = studies[index]
                group.addTask { (index, study.evaluate(with: estimator)) }
                next += 1
            }
            while next < min(workers, studies.count) { launch() }
            while let (index, record) = await group.next() {
                records[index] = record
                progress.step(record)
                if next < studies.count { launch() }
            }
        }
        progress.finish()
        let summary = EvaluationSummary(records: records.compactMap { $0 })
        print(summary.report)
        if let csv { try StudyFiles.write(Array(summary.csv.utf8), to: csv) }
    }
}
