/// Randomised chest geometry in patient millimetres: X toward the patient's left, Y toward
/// posterior, Z toward superior; the body axis is X = Y = 0.
struct PhantomAnatomy: Sendable {
    enum Tissue: UInt8, Sendable { case outside, air, table, fat, muscle, bone, mediastinum, heart, vessel, airwayWall, airway, abdomen, gas, lung, effusion }

    var bodyA: Double, bodyB: Double
    var fatThickness: Double
    var cavityA: Double, cavityB: Double
    var domeBase: Double, apex: Double, domeHeight: Double
    var carina: Double
    var tracheaY: Double
    var mediastinumHalfWidth: Double
    var anteriorJunctionHalfWidth: Double
    var heartCenter: SIMD3<Double>, heartRadii: SIMD3<Double>
    var tableY: Double
    var stomachGas: Bool
    var effusionDepth: Double
    var ribPhase: Double

    init(rng: inout SplitMix64, domeBase: Double) {
        bodyA = rng.uniform(145...172)
        bodyB = rng.uniform(100...122)
        fatThickness = rng.uniform(8...20)
        let wall = fatThickness + rng.uniform(14...20)
        cavityA = bodyA - wall
        cavityB = bodyB - wall
        self.domeBase = domeBase
        apex = domeBase + rng.uniform(205...250)
        domeHeight = rng.uniform(45...70)
        carina = apex - rng.uniform(65...85)
        tracheaY = cavityB - 48
        mediastinumHalfWidth = rng.uniform(24...32)
        anteriorJunctionHalfWidth = rng.unit() < 0.3 ? 1.5 : mediastinumHalfWidth * 0.7
        heartCenter = SIMD3(28, -cavityB * 0.2, domeBase + rng.uniform(50...65))
        heartRadii = SIMD3(rng.uniform(62...75), rng.uniform(50...60), rng.uniform(50...62))
        tableY = bodyB + rng.uniform(8...30)
        stomachGas = rng.unit() < 0.4
        effusionDepth = rng.unit() < 0.25 ? rng.uniform(0.15...0.35) : 0
        ribPhase = rng.unit()
    }

    /// Lowest point of the lung on side `right` at (X, Y): the diaphragm dome, right one higher.
    func diaphragm(_ x: Double, _ y: Double, right: Bool) -> Double {
        let cx = right ? -cavityA * 0.5 : cavityA * 0.5
        let u = (x - cx) / (cavityA * 0.65), v = (y + cavityB * 0.1) / (cavityB * 0.95)
        let bulge = max(0, 1 - u * u - v * v)
        return domeBase + (right ? 18 : 0) + domeHeight * bulge
    }

    /// Tissue at a point before lesions, vessels and airways are drawn.
    func tissue(_ x: Double, _ y: Double, _ z: Double) -> Tissue {
        let tableCurve = tableY + x * x / 900
        if y > tableCurve && y < tableCurve + 10 && abs(x) < bodyA * 0.9 { return .table }
        let body = (x / bodyA) * (x / bodyA) + (y / bodyB) * (y / bodyB)
        if body > 1 { return .air }
        let innerA = bodyA - fatThickness, innerB = bodyB - fatThickness
        if (x / innerA) * (x / innerA) + (y / innerB) * (y / innerB) > 1 { return .fat }
        let cavity = (x / cavityA) * (x / cavityA) + (y / cavityB) * (y / cavityB)
        if cavity > 1 {
            // Ribs: bony arcs just outside the cavity that shift with height like obliquely cut ribs.
            if cavity < 1.12 && abs(x) > 30 {
                let angle = _atan2(y, x) / (2 * Double.pi)
                let phase = (angle * 14 + z / 38 + ribPhase).truncatingRemainder(dividingBy: 1)
                if (phase < 0 ? phase + 1 : phase) < 0.28 { return .bone }
            }
            return .muscle
        }
        if spine(x, y) { return .bone }
        if abs(x) < 16 && y < -cavityB + 12 { return .bone }
        if z > apex { return .muscle }
        let right = x < 8
        if z < diaphragm(x, y, right: right) {
            if stomachGas && !right && length(x - cavityA * 0.45, y + cavityB * 0.25, z - (diaphragm(x, y, right: false) - 30)) < 28 {
                return .gas
            }
            return .abdomen
        }
        if inHeart(x, y, z) { return .heart }
        let halfWidth = y < -cavityB * 0.45 ? anteriorJunctionHalfWidth : mediastinumHalfWidth
        if abs(x - 6) < halfWidth { return .mediastinum }
        if length(x - 24, y - (cavityB - 32), 0) < 14 { return .mediastinum }
        if !insideApex(x, y, z, right: right) { return .muscle }
        if effusionDepth > 0 && y > cavityB * (1 - effusionDepth * effusionProfile(z)) { return .effusion }
        return .lung
    }

    func spine(_ x: Double, _ y: Double) -> Bool {
        length(x, y - (cavityB + 2), 0) < 21 || (abs(x) < 9 && y > cavityB && y < cavityB + 45)
    }

    func inHeart(_ x: Double, _ y: Double, _ z: Double) -> Bool {
        let d = SIMD3(x, y, z) - heartCenter
        let n = d / heartRadii
        return (n * n).sum() < 1
    }

    /// The apex narrows each lung toward a dome above the first rib.
    func insideApex(_ x: Double, _ y: Double, _ z: Double, right: Bool) -> Bool {
        let top = apex - 70
        if z <= top { return true }
        let scale = ((apex - z) / 70).squareRoot()
        let cx = right ? -cavityA * 0.5 : cavityA * 0.5
        let u = (x - cx) / (cavityA * 0.5 * scale + 1e-6), v = (y - cavityB * 0.15) / (cavityB * 0.85 * scale + 1e-6)
        return u * u + v * v < 1
    }

    /// Effusion is thickest at the bases and thins out by mid-lung.
    func effusionProfile(_ z: Double) -> Double {
        let top = domeBase + (apex - domeBase) * 0.5
        return max(0, min(1, (top - z) / (top - domeBase)))
    }

    func length(_ a: Double, _ b: Double, _ c: Double) -> Double { (a * a + b * b + c * c).squareRoot() }

    func baseHU(_ tissue: Tissue) -> Double {
        switch tissue {
        case .outside, .air, .gas, .airway: -1000
        case .table: 120
        case .fat: -95
        case .muscle: 45
        case .bone: 550
        case .mediastinum: -60
        case .heart: 40
        case .vessel: 40
        case .airwayWall: 30
        case .abdomen: 55
        case .lung: -850
        case .effusion: 12
        }
    }
}
