/// Decides the quality flags from the finished measurement.
struct QualityReview: Sendable {
    var configuration: EstimatorConfiguration

    func flags(
        result: EstimationResult, lungFound: Bool, surveys: [SliceSurvey], outcomes: [SliceSegmenter.Outcome],
        grid: AnalysisGrid, valuesClamped: Bool
    ) -> [QualityFlag] {
        var flags: [QualityFlag] = []
        let minimumBodyArea = 5000 / grid.pixelAreaMM2
        let slicesWithBody = surveys.filter { Double($0.bodyArea) >= minimumBodyArea }.count
        let hasInnerAir = surveys.contains { !$0.regions.isEmpty }
        if slicesWithBody * 2 < surveys.count || !hasInnerAir {
            flags.append(.notChest)
        } else if !lungFound {
            flags.append(.lungsNotFound)
        }
        if lungFound {
            let edgeArea = [outcomes.first, outcomes.last].compactMap { $0 }.map { Double($0.rightLung + $0.leftLung) * grid.pixelAreaMM2 }
            if edgeArea.contains(where: { $0 > configuration.coverageAreaMM2 }) { flags.append(.partialLungCoverage) }
        }
        if grid.spacing.z > configuration.thickSliceLimitMM { flags.append(.thickSlices) }
        if lungFound && result.lungML < configuration.lowLungVolumeML { flags.append(.lowLungVolume) }
        if lungFound && [25.0, 50, 75].contains(where: { abs(result.involvementPercent - $0) <= configuration.boundaryMarginPercent }) {
            flags.append(.nearCategoryBoundary)
        }
        if valuesClamped { flags.append(.valuesClamped) }
        return flags
    }
}
