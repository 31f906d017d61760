/// Reasons to distrust an estimate; each is reported alongside the category, never instead of it.
public enum QualityFlag: String, Sendable, CaseIterable, Codable {
    /// Lung tissue reaches the first or last slice: part of the lungs may be outside the scan.
    case partialLungCoverage = "partial_lung_coverage"
    /// Slice spacing above the configured limit: thin lesions may be missed or smeared.
    case thickSlices = "thick_slices"
    /// Total lung volume below the configured minimum (child, expiration, collapse or a failed mask).
    case lowLungVolume = "low_lung_volume"
    /// No body found in most slices, or nothing air-like inside it.
    case notChest = "not_chest"
    /// A body was found but no lung-sized air region inside it.
    case lungsNotFound = "lungs_not_found"
    /// Involvement within the configured margin of 25, 50 or 75 %.
    case nearCategoryBoundary = "near_category_boundary"
    /// The reader clamped some voxel values to the Int16 range.
    case valuesClamped = "values_clamped"
}
