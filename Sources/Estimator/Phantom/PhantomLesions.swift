/// Ground glass and consolidation drawn until a target share of the lung is involved.
extension PhantomCanvas {
    struct LesionBlob {
        var center: SIMD3<Double>
        var radii: SIMD3<Double>
        var hu: Float
    }

    /// Draws lesions so that lesion / lung voxels lands on `targetPercent` (within a few tenths).
    mutating func drawLesions(targetPercent: Double, anatomy: PhantomAnatomy, rng: inout SplitMix64) {
        let lungVoxels = tissue.indices.filter { tissue[$0] == .lung }
        let needed = Int((targetPercent / 100 * Double(lungVoxels.count)).rounded())
        guard needed > 0 else { return }
        var drawn = 0
        if targetPercent >= 40 { drawn += drawDependentLayer(share: 0.5 * Double(needed), rng: &rng) }
        let voxelVolume = spacing.x * spacing.y * spacing.z
        var attempts = 0
        while drawn < needed && attempts < 600 {
            attempts += 1
            let remaining = Double(needed - drawn) * voxelVolume
            guard var blob = randomBlob(remainingMM3: remaining, anatomy: anatomy, lungVoxels: lungVoxels, rng: &rng) else { continue }
            if count(blob) > needed - drawn {
                var low = 0.0, high = 1.0
                for _ in 0..<14 {
                    let mid = (low + high) / 2
                    var scaled = blob
                    scaled.radii *= mid
                    if count(scaled) > needed - drawn { high = mid } else { low = mid }
                }
                blob.radii *= (low + high) / 2
            }
            drawn += paint(blob)
            // A consolidated core inside some ground-glass patches, as in organising pneumonia.
            if blob.hu < -300 && rng.unit() < 0.3 {
                var core = blob
                core.radii *= 0.45
                core.hu = Float(rng.uniform(-120...20))
                for index in indices(core) where lesion[index] { hu[index] = core.hu }
            }
        }
    }

    private func indices(_ blob: LesionBlob) -> [Int] {
        var result: [Int] = []
        forEachInEllipsoid(center: blob.center, radii: blob.radii) { result.append($0) }
        return result
    }

    private func count(_ blob: LesionBlob) -> Int {
        indices(blob).reduce(0) { $0 + (tissue[$1] == .lung && !lesion[$1] ? 1 : 0) }
    }

    private mutating func paint(_ blob: LesionBlob) -> Int {
        var added = 0
        for index in indices(blob) where tissue[index] == .lung && !lesion[index] {
            lesion[index] = true
            hu[index] = blob.hu
            added += 1
        }
        return added
    }

    private func randomBlob(remainingMM3: Double, anatomy: PhantomAnatomy, lungVoxels: [Int], rng: inout SplitMix64) -> LesionBlob? {
        let index = lungVoxels[Int(rng.next() % UInt64(lungVoxels.count))]
        guard !lesion[index] else { return nil }
        let k = index / (size.x * size.y), j = (index / size.x) % size.y, i = index % size.x
        var center = world(i, j, k)
        let radius = min(45, max(6, _cbrt(remainingMM3 * 3 / (4 * Double.pi)) * rng.uniform(0.5...1.0)))
        let radii = SIMD3(radius * rng.uniform(0.7...1.3), radius * rng.uniform(0.7...1.3), radius * rng.uniform(0.7...1.3))
        if rng.unit() < 0.65 {
            // Peripheral or subpleural: slide outward to the pleura, then step back a little or not at all.
            let lungCenterX = center.x < 6 ? -anatomy.cavityA * 0.5 : anatomy.cavityA * 0.5
            var direction = SIMD3(center.x - lungCenterX, center.y, 0)
            direction = direction / max((direction * direction).sum().squareRoot(), 1e-6)
            var point = center
            for _ in 0..<200 {
                let next = point + direction * 2
                guard let nextIndex = voxelIndex(at: next), tissue[nextIndex] == .lung else { break }
                point = next
            }
            center = point - direction * radius * rng.uniform(-0.2...0.5)
        }
        let consolidation = rng.unit() < 0.35
        let value = consolidation ? rng.uniform(-150...20) : rng.uniform(-680 ... -420)
        return LesionBlob(center: center, radii: radii, hu: Float(value))
    }

    /// Posterior (dependent) disease of severe cases: every lung voxel behind a coronal level.
    private mutating func drawDependentLayer(share: Double, rng: inout SplitMix64) -> Int {
        var perRow = [Int](repeating: 0, count: size.y)
        for index in tissue.indices where tissue[index] == .lung { perRow[(index / size.x) % size.y] += 1 }
        var cumulative = 0, firstRow = size.y
        for row in stride(from: size.y - 1, through: 0, by: -1) {
            if Double(cumulative + perRow[row]) > share { break }
            cumulative += perRow[row]
            firstRow = row
        }
        guard firstRow < size.y else { return 0 }
        let ggo = Float(rng.uniform(-650 ... -450)), dense = Float(rng.uniform(-100...20))
        let denseRow = firstRow + (size.y - firstRow) * 2 / 3
        var added = 0
        for index in tissue.indices where tissue[index] == .lung && !lesion[index] {
            let row = (index / size.x) % size.y
            guard row >= firstRow else { continue }
            lesion[index] = true
            hu[index] = row >= denseRow ? dense : ggo
            added += 1
        }
        return added
    }

    func voxelIndex(at point: SIMD3<Double>) -> Int? {
        let i = Int((point.x / spacing.x + Double(size.x - 1) / 2).rounded())
        let j = Int((point.y / spacing.y + Double(size.y - 1) / 2).rounded())
        let k = Int(((point.z - zOrigin) / spacing.z).rounded())
        guard (0..<size.x).contains(i), (0..<size.y).contains(j), (0..<size.z).contains(k) else { return nil }
        return index(i, j, k)
    }
}
