/// Deterministic pseudo-random draw per study, so every process (daemon, CLI, a re-run) makes the same
/// second-reading choice for the same study. Swift's `Hasher` is seeded per process, hence this.
public enum StudySampling {
    /// Maps a study key (e.g. its id) to a value in [0, 1).
    public static func unitValue(for studyKey: String) -> Double {
        // FNV-1a over the UTF-8 bytes, then a SplitMix64 finaliser so neighbouring ids spread evenly.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in studyKey.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 30
        hash &*= 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash &*= 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        // The top 53 bits fit a Double's mantissa exactly, so the result is strictly below 1.
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }
}
