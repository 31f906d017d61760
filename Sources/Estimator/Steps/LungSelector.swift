/// Links per-slice air regions through slices into 3-D regions (two regions are linked when they
/// share a pixel position in adjacent slices) and keeps the lung-sized ones.
struct LungSelector: Sendable {
    var configuration: EstimatorConfiguration

    func select(_ surveys: [SliceSurvey], airways: [Set<UInt16>], grid: AnalysisGrid) -> LungSelection {
        var offsets = [0]
        for survey in surveys { offsets.append(offsets.last! + survey.regions.count) }
        var sets = UnionFind(count: offsets.last!)
        // Per label (0 included): airway or no air, looked up per pixel instead of hashing the label.
        let skipped = surveys.indices.map { z in
            [true] + (0..<surveys[z].regions.count).map { airways[z].contains(UInt16($0 + 1)) }
        }
        for z in 0..<max(0, surveys.count - 1) {
            let skipLower = skipped[z], skipUpper = skipped[z + 1]
            surveys[z].labels.forEachOverlap(with: surveys[z + 1].labels) { a, b in
                if skipLower[Int(a)] || skipUpper[Int(b)] { return }
                sets.union(offsets[z] + Int(a) - 1, offsets[z + 1] + Int(b) - 1)
            }
        }
        var volume: [Int: Double] = [:]
        var sumX: [Int: Double] = [:]
        for (z, survey) in surveys.enumerated() {
            for (offset, region) in survey.regions.enumerated() where !airways[z].contains(UInt16(offset + 1)) {
                let root = sets.find(offsets[z] + offset)
                volume[root, default: 0] += Double(region.area) * grid.voxelVolumeML
                sumX[root, default: 0] += Double(region.area) * region.centroidX * grid.voxelVolumeML
            }
        }
        let ranked = volume.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var sides: [Int: LungSelection.Assignment] = [:]
        if let first = ranked.first, first.value >= configuration.minimumLungComponentML {
            if ranked.count > 1, ranked[1].value >= max(configuration.minimumLungComponentML, configuration.secondLungShare * first.value) {
                let second = ranked[1]
                let firstIsRight = sumX[first.key]! / first.value < sumX[second.key]! / second.value
                sides[first.key] = firstIsRight ? .right : .left
                sides[second.key] = firstIsRight ? .left : .right
            } else {
                sides[first.key] = .eitherSide
            }
        }
        let assignments = surveys.enumerated().map { z, survey in
            [LungSelection.Assignment.notLung] + survey.regions.indices.map { offset in
                airways[z].contains(UInt16(offset + 1)) ? .notLung : sides[sets.find(offsets[z] + offset)] ?? .notLung
            }
        }
        return LungSelection(assignments: assignments, lungsFound: !sides.isEmpty)
    }
}
