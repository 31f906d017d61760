import Foundation
import Metrics

/// Names of the daemon's own metrics (queue depth, job latency, turnaround), in one place so the buckets set
/// in `MetricsBootstrap` and the recording sites agree.
enum ServiceMetrics {
    static let firstReadingTurnaround = "ctriage_tat_arrival_to_first_reading_seconds"
    static let estimateTurnaround = "ctriage_tat_arrival_to_estimate_seconds"
    static let estimationDuration = "ctriage_estimation_duration_seconds"
    static let worklistOpen = "ctriage_worklist_open_items"
    static let worklistOldest = "ctriage_worklist_oldest_waiting_seconds"
    static let jobs = "ctriage_jobs"

    static func recordReading(tier: String, readingNumber: Int, waited: TimeInterval) {
        guard readingNumber == 1, waited >= 0 else { return }
        Timer(label: firstReadingTurnaround, dimensions: [("tier", tier)]).recordNanoseconds(Int64(waited * 1e9))
    }
}
