import VolumeIO

/// One synthetic chest CT with exact truth on the volume's own grid.
public struct PhantomCase: Sendable {
    public var volume: Volume
    /// 1 = right lung, 2 = left lung (aerated, dense and vessels alike; airways and effusion excluded).
    public var lungTruth: [UInt8]
    /// 1 where a lesion (ground glass or consolidation) was drawn inside the lungs.
    public var lesionTruth: [UInt8]
    public var lungML: Double
    public var lesionML: Double
    /// What was drawn, for the truth table: "effusion", "calcified", "stomach_gas", "junction", "partial".
    public var features: [String]
    public var involvementPercent: Double { lungML > 0 ? 100 * lesionML / lungML : 0 }

    public func category(detectionFloorPercent: Double = 0.5) -> CTCategory {
        CTCategory(involvementPercent: involvementPercent, detectionFloorPercent: detectionFloorPercent)
    }
}
