/// Finds ground glass and consolidation inside one lung's envelope in one slice.
///
/// 1. Smooth in-plane (noise would otherwise speckle the parenchyma above the ground-glass bound).
/// 2. Lesion band: from a lower bound `lesionContrastHU` above the local aerated parenchyma (measured
///    per antero-posterior band, so the dependent density gradient of a supine patient is not called
///    disease), limited to the ground-glass range, up to the top of consolidation.
/// 3. Drop calcifications with a margin, then open with a small disk: vessels and bronchial walls,
///    thinner than the disk, leave together with their partial-volume halos; lesions stay.
/// 4. Vessels too thick for the opening (hilar and lobar arteries): dense regions no thicker than a
///    vessel whose surroundings are mostly aerated lung leave, with their halo. A dense spot inside
///    ground glass is kept: there it is part of the lesion.
/// 5. Dense regions the envelope added (outside the aerated lung) whose mean is in the fluid band,
///    which lie in the dependent half, on the lowest part of the cavity and are wider than tall
///    (a layer), are pleural effusion, not lesion.
struct LesionSegmenter: Sendable {
    var configuration: EstimatorConfiguration
    static let bandCount = 4

    func lesions(raw: [Float], smoothed: [Float], envelope: [Bool], filled: [Bool], shape: PlaneShape) -> [Bool] {
        let lowerBound = lowerBounds(smoothed: smoothed, envelope: envelope, shape: shape)
        let upper = Float(configuration.lesionUpperHU)
        var candidate = [Bool](repeating: false, count: shape.count)
        var calcified = [Bool](repeating: false, count: shape.count)
        var anyCalcified = false
        for i in 0..<shape.count where envelope[i] {
            let value = smoothed[i]
            if Double(value) > configuration.calcificationHU { calcified[i] = true; anyCalcified = true }
            candidate[i] = value >= lowerBound[i / shape.width] && value <= upper
        }
        if anyCalcified {
            let margin = Morphology.dilate(calcified, shape: shape, radiusMM: configuration.calcificationMarginMM)
            for i in 0..<shape.count where margin[i] { candidate[i] = false }
        }
        var lesion = Morphology.open(candidate, shape: shape, radiusMM: configuration.vesselOpeningRadiusMM)
        for i in 0..<shape.count where !envelope[i] { lesion[i] = false }
        removeVessels(&lesion, raw: raw, smoothed: smoothed, lowerBound: lowerBound, envelope: envelope, shape: shape)
        removeEffusion(&lesion, smoothed: smoothed, filled: filled, shape: shape)
        return lesion
    }

    /// Per-row ground-glass lower bound from the aerated parenchyma of antero-posterior bands.
    func lowerBounds(smoothed: [Float], envelope: [Bool], shape: PlaneShape) -> [Float] {
        let limits = configuration.lesionLowerBoundLimitsHU
        let aeratedCeiling = Float(configuration.aeratedCeilingHU)
        var rows: [Int] = []
        for y in 0..<shape.height where (0..<shape.width).contains(where: { envelope[y * shape.width + $0] }) { rows.append(y) }
        guard let top = rows.first, let bottom = rows.last else {
            return [Float](repeating: Float(limits.lowerBound), count: shape.height)
        }
        let bandHeight = max(1, (bottom - top + 1 + Self.bandCount - 1) / Self.bandCount)
        var samples = [[Float]](repeating: [], count: Self.bandCount)
        for y in top...bottom {
            let band = min(Self.bandCount - 1, (y - top) / bandHeight)
            for x in 0..<shape.width where envelope[y * shape.width + x] && smoothed[y * shape.width + x] < aeratedCeiling {
                samples[band].append(smoothed[y * shape.width + x])
            }
        }
        let all = samples.flatMap { $0 }
        let sliceLevel = Self.median(all)
        let bandLevels = samples.map { $0.count >= 30 ? Self.median($0) : sliceLevel }
        return (0..<shape.height).map { y in
            let band = min(Self.bandCount - 1, max(0, (y - top) / bandHeight))
            guard let level = bandLevels[band] else { return Float(limits.lowerBound) }
            return Float(min(max(Double(level) + configuration.lesionContrastHU, limits.lowerBound), limits.upperBound))
        }
    }

    private func removeVessels(_ lesion: inout [Bool], raw: [Float], smoothed: [Float], lowerBound: [Float], envelope: [Bool], shape: PlaneShape) {
        let solidFloor = Float(configuration.solidLowerHU)
        // Unsmoothed: smoothing would spread a thin vessel into a wider, fainter band.
        let solidInLung = (0..<shape.count).map { lesion[$0] && raw[$0] > solidFloor }
        // Depths are measured in the solid pixels' box with a ring of background around it, which is never
        // farther from a pixel inside than the background beyond the ring.
        guard let inner = PlaneCrop(around: solidInLung, in: shape, marginMM: 0) else { return }
        let solid = inner.extract(solidInLung)
        let limit = configuration.vesselMaximumRadiusMM * configuration.vesselMaximumRadiusMM
        // A region is thin when none of its pixels is deeper than the limit (only yes/no distances are needed).
        let shallow = DistanceTransform.within(limit, of: solid, featureValue: false, shape: inner.shape)
        let regions = ComponentLabeling(solid, shape: inner.shape)
        var thick = [Bool](repeating: false, count: regions.components.count + 1)
        for i in 0..<inner.shape.count where regions.labels[i] != 0 && !shallow[i] { thick[Int(regions.labels[i])] = true }
        let thinInLung = inner.embed(regions.labels.map { $0 != 0 && !thick[Int($0)] }, outside: false)
        // Aeration is judged in a ring beyond the halo, so the vessel's own blur does not count. Halo and
        // ring lie within twice the halo of a thin region: only that box is looked at.
        let haloLimit = configuration.vesselHaloMM * configuration.vesselHaloMM
        guard let near = PlaneCrop(around: thinInLung, in: shape, marginMM: 2 * configuration.vesselHaloMM) else { return }
        let thin = near.extract(thinInLung)
        let halo = DistanceTransform.within(haloLimit, of: thin, featureValue: true, shape: near.shape)
        let reach = DistanceTransform.within(4 * haloLimit, of: thin, featureValue: true, shape: near.shape)
        let groups = ComponentLabeling(reach, shape: near.shape)
        var ring = [Int](repeating: 0, count: groups.components.count + 1)
        var aerated = [Int](repeating: 0, count: groups.components.count + 1)
        for i in 0..<near.shape.count where groups.labels[i] != 0 && !halo[i] {
            let p = near.parentIndex(i)
            guard envelope[p] else { continue }
            let group = Int(groups.labels[i])
            ring[group] += 1
            if smoothed[p] < lowerBound[p / shape.width] { aerated[group] += 1 }
        }
        for i in 0..<near.shape.count where groups.labels[i] != 0 && halo[i] {
            let group = Int(groups.labels[i]), p = near.parentIndex(i)
            if ring[group] > 0 && Double(aerated[group]) >= 0.5 * Double(ring[group]) && (thin[i] || !solidInLung[p]) {
                lesion[p] = false
            }
        }
    }

    private func removeEffusion(_ lesion: inout [Bool], smoothed: [Float], filled: [Bool], shape: PlaneShape) {
        let added = (0..<shape.count).map { lesion[$0] && !filled[$0] }
        let regions = ComponentLabeling(added, shape: shape)
        guard !regions.components.isEmpty else { return }
        var lungRows = 0.0, lungCount = 0.0, lowestRow = 0
        for i in 0..<shape.count where filled[i] || lesion[i] {
            lowestRow = max(lowestRow, i / shape.width)
            if filled[i] { lungRows += Double(i / shape.width); lungCount += 1 }
        }
        let lungCentroidY = lungCount > 0 ? lungRows / lungCount : 0
        let reach = shape.pixelRadii(configuration.vesselHaloMM).y
        var sums = [Double](repeating: 0, count: regions.components.count + 1)
        for i in 0..<shape.count where regions.labels[i] != 0 { sums[Int(regions.labels[i])] += Double(smoothed[i]) }
        for (offset, region) in regions.components.enumerated() {
            let mean = sums[offset + 1] / Double(region.area)
            // Fluid layers: dependent, lying on the lowest part of the cavity, wider than tall.
            let layered = region.maxY >= lowestRow - reach
                && Double(region.maxX - region.minX + 1) * shape.spacingX >= Double(region.maxY - region.minY + 1) * shape.spacingY
            if configuration.effusionRangeHU.contains(mean) && region.centroid.y > lungCentroidY && layered {
                for i in 0..<shape.count where regions.labels[i] == Int32(offset + 1) { lesion[i] = false }
            }
        }
    }

    static func median(_ values: [Float]) -> Float? {
        guard !values.isEmpty else { return nil }
        var scratch = values
        return OrderStatistic.select(&scratch, k: scratch.count / 2)
    }
}
