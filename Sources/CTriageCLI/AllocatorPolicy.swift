#if canImport(CAllocator)
import CAllocator
#endif

/// How this process asks glibc's allocator to treat large blocks.
enum AllocatorPolicy {
    /// Blocks of 128 KiB and more are mapped on their own and unmapped when freed. By default glibc raises
    /// that threshold each time such a block is freed, after which the estimator's per-slice planes
    /// (0.25–1 MiB each, on several threads) come from heaps that keep freed memory resident: about 10 MiB
    /// more peak resident memory per 512×512×40 study, for no speed gained (BENCHMARKS.md, issue #4).
    static func returnLargeBlocksWhenFreed() {
        #if canImport(CAllocator)
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }
}
