import Foundation

/// This process's memory and CPU time, read from the kernel: resident set and its peak (VmRSS, VmHWM in
/// /proc/self/status) and CPU seconds on all threads (CLOCK_PROCESS_CPUTIME_ID).
enum ProcessUsage {
    /// Peak resident set since start or since the last `resetPeakMemory()`, in bytes; nil off Linux.
    static var peakMemoryBytes: Int? { statusKilobytes("VmHWM").map { $0 * 1024 } }

    static var residentBytes: Int? { statusKilobytes("VmRSS").map { $0 * 1024 } }

    /// The part of the resident set that is file pages (mapped libraries and the executable), which other
    /// processes mapping the same files share; the rest is this process's own memory.
    static var residentFileBytes: Int? { statusKilobytes("RssFile").map { $0 * 1024 } }

    /// Restarts VmHWM at the current resident set (Linux ≥ 4.0: "5" to /proc/self/clear_refs), so each phase
    /// of a benchmark reports its own peak. Returns false when the kernel refuses; peaks then accumulate.
    @discardableResult
    static func resetPeakMemory() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// CPU seconds used by every thread of this process so far.
    static var cpuSeconds: Double {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return .nan }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func statusKilobytes(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            // "VmHWM:\t  123456 kB"
            return line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
        }
        return nil
    }
}
