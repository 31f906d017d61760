import Logging
import Postgres
import Server
import Store
import Triage

/// Estimation throughput: `workers` of the daemon's `EstimationWorker` (queue claim, read, estimate, key images
/// and masks, storing transaction) on already queued studies, for at least `seconds`. The rate counts from
/// the moment the first `workers` studies are done to the last completion seen, so neither the start (every
/// worker on its first study at once) nor the cut at the end (studies half done) skews it; the process's CPU
/// time over the same span gives CPU seconds per study.
struct EstimationLoad {
    let pool: PostgresPool
    let seconds: Int
    let logger: Logger

    struct Phase {
        var workers: Int
        var studies: Int
        var seconds: Double
        var cpuSeconds: Double
        /// True when no queued study was left before the phase ended (the rate then undercounts).
        var ranDry: Bool
        /// Share of the machine's cores busy with anything (this process or others) over the same span.
        var machineBusy: Double?

        var perMinute: Double { Double(studies) / seconds * 60 }
        var cpuSecondsPerStudy: Double { cpuSeconds / Double(studies) }
        var dryNote: String { ranDry ? " (the queue ran dry: undercounted)" : "" }
        var machineNote: String { machineBusy.map { String(format: "; machine %.0f %% busy", 100 * $0) } ?? "" }
    }

    func run(workers: Int) async throws -> Phase {
        let router = TriageRouter()
        let tasks = (0..<workers).map { index in
            let worker = EstimationWorker(
                pool: pool, routing: StudyRouting(router: router), wakeups: nil, name: "bench-\(workers)w-\(index)",
                lease: .seconds(600), pollInterval: .milliseconds(100), logger: logger)
            return Task { try await worker.run() }
        }
        // Also when a query below throws: no worker may outlive its phase.
        defer { for task in tasks { task.cancel() } }
        let base = try await doneCount()
        let started = ContinuousClock.now
        var mark: (done: Int, at: ContinuousClock.Instant, cpu: Double, machine: MachineCPU?)?
        var last = (done: 0, at: started, cpu: ProcessUsage.cpuSeconds, machine: MachineCPU.now())
        var ranDry = false
        while true {
            try await Task.sleep(for: .milliseconds(50))
            let done = try await doneCount() - base
            let now = ContinuousClock.now
            if done != last.done {
                last = (done, now, ProcessUsage.cpuSeconds, MachineCPU.now())
                if mark == nil, done >= workers { mark = last }
            }
            let elapsed = now - started
            if let mark, elapsed >= .seconds(seconds), last.done >= mark.done + 2 { break }
            if try await queuedCount() == 0 {
                ranDry = true
                break
            }
            if elapsed >= .seconds(seconds * 6) { break }
        }
        for task in tasks { task.cancel() }
        for task in tasks { _ = try? await task.value }
        guard let mark, last.done > mark.done else {
            throw BenchmarkError(message: "\(workers) estimation worker(s) finished only \(last.done) studies; queue more work or raise --seconds")
        }
        return Phase(
            workers: workers, studies: last.done - mark.done, seconds: (last.at - mark.at).seconds, cpuSeconds: last.cpu - mark.cpu,
            ranDry: ranDry, machineBusy: last.machine.flatMap { end in mark.machine.map { end.busyFraction(since: $0) } })
    }

    func queuedCount() async throws -> Int {
        try await pool.query("SELECT count(*) FROM jobs WHERE kind = 'estimate' AND state = 'queued'").first!.decode(Int.self, at: 0)
    }

    private func doneCount() async throws -> Int {
        try await pool.query("SELECT count(*) FROM jobs WHERE kind = 'estimate' AND state = 'done'").first!.decode(Int.self, at: 0)
    }
}
