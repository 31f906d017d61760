import Dispatch

/// Runs CPU-heavy work (validating an upload, reading and estimating a volume, rendering key images) on a GCD thread, so it never
/// occupies the Swift cooperative pool: that pool has one thread per core and also serves HTTP requests and the
/// lease heartbeats, which a multi-second estimate would otherwise starve.
public enum CPUWork {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
