import ArgumentParser
import Estimator
import Foundation
import VolumeIO

/// `ctriage bench nifti [FILE]`: NIfTI read time against a bare zlib inflate of the same file, and peak memory.
struct BenchNiftiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nifti",
        abstract: "Time reading a .nii.gz into a HU volume against a bare zlib inflate of the same file."
    )

    @Argument(help: "A .nii.gz to read; by default a synthetic 512×512×40 int16 chest CT is generated.")
    var file: String?

    @Option(help: "Timed repetitions of each measurement (the median is reported).")
    var repetitions = 7

    @Option(help: "Where to write the generated file.")
    var generatedPath = "/tmp/ctriage-bench-512x512x40.nii.gz"

    @Flag(help: "Also time bytes → EstimationResult (`ctriage estimate`'s elapsed_ms) in the same interleaved rounds.")
    var estimate = false

    @Option(help: ArgumentHelp("Internal: read (with --estimate: estimate) FILE once and print peak-memory figures.", visibility: .hidden))
    var memoryProbe: String?

    func run() throws {
        if let memoryProbe { return try probeMemory(memoryProbe) }
        let path = try file ?? generate()
        let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let decompressedSize = ZlibBaseline.storedSize(compressed)
        let reader = NIfTIReader()
        let check = try reader.read(compressed)
        print("file: \(path), \(compressed.count) bytes compressed, \(decompressedSize) decompressed, dims \(check.volume.dims.x)×\(check.volume.dims.y)×\(check.volume.dims.z) \(check.header.datatype.name)")

        var bodies: [() throws -> Void] = [
            { _ = try compressed.withUnsafeBytes { try ZlibBaseline.inflate($0, capacity: decompressedSize) } },
            { _ = try compressed.withUnsafeBytes { try reader.read($0) } },
            { _ = try reader.read(contentsOfFile: path) },
        ]
        if estimate {
            let estimator = LungEstimator()
            bodies.append { _ = try StudyFiles.estimate(bytes: compressed, estimator: estimator) }
            bodies.append { _ = try StudyFiles.estimate(path: path, estimator: estimator) }
        }
        let medians = try interleavedMedians(bodies)
        let (inflate, fromMemory, fromFile) = (medians[0], medians[1], medians[2])
        print("bare zlib inflate (memory → buffer):    \(Self.milliseconds(inflate)) ms")
        print("NIfTIReader.read(bytes) → Volume:       \(Self.milliseconds(fromMemory)) ms  ratio \(Self.ratio(fromMemory, inflate))")
        print("NIfTIReader.read(contentsOfFile:):      \(Self.milliseconds(fromFile)) ms  ratio \(Self.ratio(fromFile, inflate))")
        if estimate {
            print("bytes → EstimationResult (estimate):    \(Self.milliseconds(medians[3])) ms  ratio \(Self.ratio(medians[3], inflate))  (issue #4 target ≤ 2)")
            print("file → EstimationResult (streamed):     \(Self.milliseconds(medians[4])) ms  ratio \(Self.ratio(medians[4], inflate))  (`ctriage estimate`)")
        }
        print("(median of \(repetitions) interleaved runs each; ratio = reader / bare inflate, target ≤ 1.2)")
        do {
            try measureMemoryInChild(path: path, decompressedSize: decompressedSize)
        } catch {
            print("peak memory: unavailable (\(error))")
        }
    }

    private func generate() throws -> String {
        let volume = SyntheticCT.chest()
        let bytes = try NIfTIWriter().gzippedNIfTI(volume)
        try Data(bytes).write(to: URL(fileURLWithPath: generatedPath))
        return generatedPath
    }

    /// Runs the measurements in turn, round after round, so a busy machine slows all of them alike.
    private func interleavedMedians(_ bodies: [() throws -> Void]) throws -> [Duration] {
        let clock = ContinuousClock()
        for body in bodies { try body() }  // warm-up
        var times = [[Duration]](repeating: [], count: bodies.count)
        for _ in 0..<max(1, repetitions) {
            for (index, body) in bodies.enumerated() { times[index].append(try clock.measure(body)) }
        }
        return times.map { $0.sorted()[$0.count / 2] }
    }

    /// Runs this command again in a fresh process (Linux: /proc/self/exe), so the peak reflects one file read
    /// (with `--estimate`: one `ctriage estimate` of the file, streamed from disk).
    private func measureMemoryInChild(path: String, decompressedSize: Int) throws {
        let arguments = CommandLine.arguments.dropFirst()
        let prefix = Array(arguments.prefix { $0 != "nifti" }) + ["nifti"]
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = prefix + ["--memory-probe", path] + (estimate ? ["--estimate"] : [])
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard process.terminationStatus == 0, numbers.count == 3 else {
            print("peak memory: child probe failed: \(output)")
            return
        }
        let (baseline, baselineFiles, peak) = (numbers[0], numbers[1], numbers[2])
        let growth = Double(peak - baseline) / Double(decompressedSize)
        let what = estimate ? "estimating" : "reading"
        print("peak RSS of a fresh process \(what) the file: \(peak >> 20) MiB (VmHWM) = \(String(format: "%.2f", Double(peak) / Double(decompressedSize))) × decompressed size, \(baseline >> 20) MiB before the read")
        print("growth during the \(estimate ? "estimate" : "read"): \((peak - baseline) >> 20) MiB = \(String(format: "%.2f", growth)) × decompressed size (target ≤ \(estimate ? "3" : "1.5"))")
        // File pages mapped before the read are library code shared with other processes; what is left of the
        // peak is at most the process's own memory (file pages touched later are counted in it, so it errs high).
        let own = peak - baselineFiles
        print("of the peak, \(baselineFiles >> 20) MiB are file pages mapped before the read (shared library code); the rest, \(own >> 20) MiB = \(String(format: "%.2f", Double(own) / Double(decompressedSize))) × decompressed size, is at most the process's own memory")
    }

    private func probeMemory(_ path: String) throws {
        let before = ProcessUsage.residentBytes ?? 0
        let beforeFiles = ProcessUsage.residentFileBytes ?? 0
        if estimate {
            let estimated = try StudyFiles.estimate(path: path, estimator: LungEstimator())
            let peak = ProcessUsage.peakMemoryBytes ?? 0
            withExtendedLifetime(estimated) { print(before, beforeFiles, peak) }
        } else {
            let image = try NIfTIReader().read(contentsOfFile: path)
            let peak = ProcessUsage.peakMemoryBytes ?? 0
            withExtendedLifetime(image) { print(before, beforeFiles, peak) }
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    private static func ratio(_ a: Duration, _ b: Duration) -> String {
        String(format: "%.3f", (a / b))
    }
}
