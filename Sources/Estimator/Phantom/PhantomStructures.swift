/// Airways and the pulmonary vessel tree drawn into a phantom.
extension PhantomCanvas {
    /// Trachea and main bronchi: air in a soft-tissue wall, never lung.
    mutating func drawCentralAirways(_ anatomy: PhantomAnatomy) {
        let carina = SIMD3(0, anatomy.tracheaY, anatomy.carina)
        let top = SIMD3(0, anatomy.tracheaY, anatomy.apex + 200)
        let rightHilum = SIMD3(-anatomy.mediastinumHalfWidth - 14, anatomy.tracheaY - 14, anatomy.carina - 22)
        let leftHilum = SIMD3(anatomy.mediastinumHalfWidth + 22, anatomy.tracheaY - 14, anatomy.carina - 30)
        for (a, b, radius) in [(top, carina, 9.0), (carina, rightHilum, 6.5), (carina, leftHilum, 5.5)] {
            drawTube(a, b, radius: radius, wall: 2, lumen: .airway, wallTissue: .airwayWall)
        }
    }

    private mutating func drawTube(_ a: SIMD3<Double>, _ b: SIMD3<Double>, radius: Double, wall: Double, lumen: PhantomAnatomy.Tissue, wallTissue: PhantomAnatomy.Tissue) {
        let blocked: Set<PhantomAnatomy.Tissue> = [.outside, .air, .table, .bone]
        var outer: [Int] = []
        forEachInCapsule(a, b, radius: radius + wall) { outer.append($0) }
        for index in outer where !blocked.contains(tissue[index]) { tissue[index] = wallTissue; hu[index] = 30 }
        var inner: [Int] = []
        forEachInCapsule(a, b, radius: radius) { inner.append($0) }
        for index in inner where !blocked.contains(tissue[index]) { tissue[index] = lumen; hu[index] = -1000 }
    }

    /// Branching vessels and a few bronchi inside the lungs; they stay lung in the truth.
    mutating func drawLungTrees(_ anatomy: PhantomAnatomy, rng: inout SplitMix64) {
        for right in [true, false] {
            let side = right ? -1.0 : 1.0
            let hilum = SIMD3(side * (anatomy.mediastinumHalfWidth + 18) + 6, anatomy.tracheaY - 24, anatomy.carina - 30)
            let directions: [SIMD3<Double>] = [
                SIMD3(side * 0.45, -0.1, 0.9), SIMD3(side * 1, 0.1, 0.1), SIMD3(side * 0.35, 0.2, -0.9),
                SIMD3(side * 0.3, 0.75, -0.6), SIMD3(side * 0.4, -0.85, -0.3),
            ]
            for direction in directions {
                branch(from: hilum, direction: normalized(direction), radius: 5, length: 38, rng: &rng, depth: 0)
            }
            // A lobar bronchus: intrapulmonary air with a thin wall.
            let end = hilum + normalized(SIMD3(side, 0.3, -0.4)) * 35
            var walls: [Int] = []
            forEachInCapsule(hilum, end, radius: 4.5) { walls.append($0) }
            for index in walls where tissue[index] == .lung && !lesion[index] { hu[index] = 30 }
            var lumen: [Int] = []
            forEachInCapsule(hilum, end, radius: 3) { lumen.append($0) }
            for index in lumen where tissue[index] == .lung && !lesion[index] { hu[index] = -1000 }
        }
    }

    private mutating func branch(from start: SIMD3<Double>, direction: SIMD3<Double>, radius: Double, length: Double, rng: inout SplitMix64, depth: Int) {
        let end = start + direction * length
        var hits: [Int] = []
        forEachInCapsule(start, end, radius: radius) { hits.append($0) }
        for index in hits where tissue[index] == .lung { hu[index] = 40 }
        guard depth < 5, radius * 0.72 >= 0.9 else { return }
        for _ in 0..<2 {
            let jitter = SIMD3(rng.uniform(-0.6...0.6), rng.uniform(-0.6...0.6), rng.uniform(-0.6...0.6))
            branch(from: end, direction: normalized(direction + jitter), radius: radius * 0.72, length: length * rng.uniform(0.7...0.9), rng: &rng, depth: depth + 1)
        }
    }

    /// Calcified granulomas: dense, small, not lesions.
    mutating func drawCalcifications(count: Int, rng: inout SplitMix64) {
        var drawn = 0, attempts = 0
        while drawn < count && attempts < 10_000 {
            attempts += 1
            let index = Int(rng.next() % UInt64(tissue.count))
            guard tissue[index] == .lung && !lesion[index] else { continue }
            let k = index / (size.x * size.y), j = (index / size.x) % size.y, i = index % size.x
            var hits: [Int] = []
            forEachInEllipsoid(center: world(i, j, k), radii: SIMD3(repeating: rng.uniform(2.5...4.5))) { hits.append($0) }
            for hit in hits where tissue[hit] == .lung && !lesion[hit] { hu[hit] = 650 }
            drawn += 1
        }
    }

    func normalized(_ v: SIMD3<Double>) -> SIMD3<Double> { v / max((v * v).sum().squareRoot(), 1e-9) }
}
