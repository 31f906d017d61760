import Dispatch

/// Runs independent per-slice work on all cores and gathers the results in slice order, so the
/// outcome does not depend on scheduling.
enum SliceParallel {
    static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.store(body(index), at: index)
        }
        return results.values()
    }
}

/// One slot per iteration. `@unchecked Sendable` is sound because `concurrentPerform` hands each
/// index to exactly one iteration, so no two threads ever write the same slot, and `values()` is
/// only called after `concurrentPerform` has returned (which orders all the writes before it).
/// The storage is a raw buffer, not an array property, so no exclusivity check spans threads.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    func values() -> [T] { (0..<count).map { slots[$0]! } }
}
