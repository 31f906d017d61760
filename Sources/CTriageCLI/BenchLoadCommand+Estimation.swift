import Foundation
import Logging
import Postgres

extension BenchLoadCommand {
    /// One worker, then one per core (or `--workers`), on queued copies of the study file. The ideal for the
    /// second phase is the machine's cores divided by the CPU seconds one study cost in the first: the estimator
    /// already spreads each study's slices over the cores, so a single worker is not a single thread and its
    /// wall-clock rate would not be the right unit.
    func measureEstimation(ingest: IngestLoad, pool: PostgresPool, cores: Int, logger: Logger, report: inout LoadReport) async throws {
        let allCores = workers > 0 ? workers : cores
        // Stopping a worker between phases cancels its study in flight, which it logs as a warning: expected here.
        var quiet = logger
        quiet.logLevel = .error
        let estimation = EstimationLoad(pool: pool, seconds: seconds, logger: quiet)
        // Room for both phases at up to 2 studies/s per worker, plus the studies in flight at each start.
        let wanted = 2 * seconds * (1 + allCores) + 2 * allCores + 4
        let queued = try await estimation.queuedCount()
        if queued < wanted { try await ingest.enqueue(first: 2_000_001, count: wanted - queued) }

        var single: EstimationLoad.Phase?
        try await report.phase {
            let phase = try await estimation.run(workers: 1)
            single = phase
            return (
                "estimation, 1 worker",
                String(format: "%.1f studies/min, %.2f CPU s per study (%.0f %% of one core)", phase.perMinute,
                       phase.cpuSecondsPerStudy, 100 * phase.cpuSeconds / phase.seconds) + phase.machineNote + phase.dryNote,
                "", ""
            )
        }
        guard let single else { return }
        try await report.phase {
            let phase = try await estimation.run(workers: allCores)
            let ideal = Double(cores) * 60 / single.cpuSecondsPerStudy
            return (
                "estimation, \(allCores) workers on \(cores) cores",
                String(format: "%.1f studies/min (%.0f %% of %d cores)", phase.perMinute,
                       100 * phase.cpuSeconds / phase.seconds / Double(cores), cores) + phase.machineNote + phase.dryNote,
                String(format: "ideal %d cores ÷ %.2f CPU s = %.1f studies/min", cores, single.cpuSecondsPerStudy, ideal),
                LoadReport.ratio(phase.perMinute, ideal)
            )
        }
    }
}
