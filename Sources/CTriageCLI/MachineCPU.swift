import Foundation

/// CPU time of the whole machine from the first line of /proc/stat, to tell how much of a benchmark's shortfall
/// is other processes (the development machine is shared): busy and total clock ticks since boot.
struct MachineCPU {
    var busyTicks: Int
    var totalTicks: Int

    /// nil off Linux or if /proc/stat cannot be read.
    static func now() -> MachineCPU? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return nil }
        // user nice system idle iowait irq softirq steal (guest time is already counted in user)
        let ticks = line.split(separator: " ").dropFirst().prefix(8).compactMap { Int($0) }
        guard ticks.count >= 5 else { return nil }
        let total = ticks.reduce(0, +)
        return MachineCPU(busyTicks: total - ticks[3] - ticks[4], totalTicks: total)
    }

    /// Share of all cores busy (any process) between `earlier` and `self`.
    func busyFraction(since earlier: MachineCPU) -> Double {
        let total = totalTicks - earlier.totalTicks
        return total > 0 ? Double(busyTicks - earlier.busyTicks) / Double(total) : .nan
    }
}
