/// Every threshold of the pipeline, in physical units (HU, mm, mL, %), so a reader can audit them.
///
/// Defaults follow published chest-CT density bands, not any particular data set.
public struct EstimatorConfiguration: Sendable, Equatable {
    /// In-plane pixels are averaged in the largest whole-pixel blocks no wider than this before analysis
    /// (a 512 matrix at 0.6–0.875 mm in 2 × 2 blocks). The development sets at 256 px were analysed at
    /// 1.3–1.7 mm; 3 × 3 blocks of 0.77 mm pixels (2.3 mm) read healthy lungs as diseased. Every other
    /// distance here is in millimetres, not pixels.
    public var largestAnalysisPixelMM: Double = 1.75
    /// Involvement at or below this share reads CT-0 (routing spec §1 default).
    public var detectionFloorPercent: Double = 0.5
    /// Distance to 25/50/75 % under which `near_category_boundary` is raised.
    public var boundaryMarginPercent: Double = 2.5
    /// Voxels above this belong to the body (soft tissue, bone, table) when finding the outline.
    public var bodyThresholdHU: Int16 = -500
    /// Voxels below this inside the body are air-like: aerated lung, airways, bowel gas.
    public var airThresholdHU: Int16 = -400
    /// Airway lumen is darker than parenchyma: pure air is about -1000 HU.
    public var airwayMeanHU: Double = -900
    /// Cross-section area limits of the trachea seen in one axial slice.
    public var tracheaAreaRangeMM2: ClosedRange<Double> = 80...800
    /// Smallest 3-D air region accepted as a lung.
    public var minimumLungComponentML: Double = 30
    /// A second air region is a lung only if at least this share of the largest.
    public var secondLungShare: Double = 0.15
    /// Radius of the per-slice closing that rebuilds the lung envelope around dense lesions at the wall.
    public var envelopeClosingRadiusMM: Double = 30
    /// Radius over which tissue is averaged when telling airless lung from chest-wall muscle, and the
    /// smallest half-thickness of airless lung that is added (thinner is the partial-volume rim).
    public var airlessMeanRadiusMM: Double = 5
    /// Top of ground glass (≈ −750…−300 HU). Tissue whose wide mean stays below this is partially
    /// aerated lung: every mediastinal tissue (fat ≈ −100 HU, vessels, heart, nodes) is denser.
    public var groundGlassUpperHU: Double = -300
    /// Top of fat (≈ −150…−50 HU). Near the midline, mediastinal fat and airless lung meet; only tissue
    /// denser than fat (and lighter than muscle) is taken there as airless lung.
    public var fatUpperHU: Double = -50
    /// Unenhanced skeletal muscle reads 40–60 HU: a pixel this dense is chest wall, not airless lung.
    public var muscleLowerHU: Double = 40
    /// Dense dependent lung is recovered only when thicker than the normal tissue between lung and rib…
    public var dependentMinimumDepthMM: Double = 10
    /// …and when a rib is met within this depth.
    public var dependentMaximumDepthMM: Double = 80
    /// Soft tissue kept out of the lung on the rib side (pleura, innermost intercostal muscle).
    public var dependentWallMarginMM: Double = 3
    /// A recovered run must average at most this (muscle and liver are 40–60 HU without contrast).
    public var dependentMaximumMeanHU: Double = 25
    /// Widest intercostal gap bridged between two ribs met by neighbouring columns.
    public var dependentRibGapMM: Double = 40
    /// Columns this close to the body's midline are left alone (spine, aorta, oesophagus).
    public var dependentMidlineGapMM: Double = 40
    /// Ground-glass lower bound sits this far above the local parenchyma level…
    public var lesionContrastHU: Double = 150
    /// …but never outside these limits (ground glass ≈ −750…−300 HU; a higher floor would let
    /// faint ground glass pass for parenchyma).
    public var lesionLowerBoundLimitsHU: ClosedRange<Double> = -750 ... -680
    /// Only voxels below this count when measuring the local parenchyma level.
    public var aeratedCeilingHU: Double = -700
    /// Upper bound of consolidation (≈ +50 HU) plus room for smoothed noise.
    public var lesionUpperHU: Double = 100
    /// In-plane smoothing radius before thresholding lesions.
    public var smoothingRadiusMM: Double = 1.5
    /// Opening radius that drops vessels and their partial-volume halos (vessels thinner than 2 r).
    public var vesselOpeningRadiusMM: Double = 2.5
    /// Solid (consolidation-like or vessel) density starts here.
    public var solidLowerHU: Double = -300
    /// Dense regions no thicker than this radius, surrounded by aerated lung, are vessels (lobar
    /// arteries reach about 14 mm); isolated dense nodules that small are given up with them.
    public var vesselMaximumRadiusMM: Double = 7
    /// Partial-volume halo removed with such a vessel, and the ring in which aeration is judged.
    public var vesselHaloMM: Double = 3
    /// Calcification starts here; calcified nodules and their rims are not lesions.
    public var calcificationHU: Double = 200
    /// Margin removed around calcifications.
    public var calcificationMarginMM: Double = 3
    /// Pleural fluid band (mean of a dense region added by the envelope).
    public var effusionRangeHU: ClosedRange<Double> = -10...35
    /// Slice spacing above which `thick_slices` is raised.
    public var thickSliceLimitMM: Double = 5
    /// Total lung volume under which `low_lung_volume` is raised.
    public var lowLungVolumeML: Double = 1500
    /// Lung area in the first or last slice above which `partial_lung_coverage` is raised.
    public var coverageAreaMM2: Double = 100

    public init() {}
}
