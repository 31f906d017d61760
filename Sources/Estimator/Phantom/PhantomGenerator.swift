import VolumeIO

/// Makes MosMedData-like synthetic chest CTs with exact truth, deterministically from a seed.
public struct PhantomGenerator: Sendable {
    public struct Request: Sendable {
        /// In-plane matrix (square).
        public var size: Int
        public var slices: Int
        /// Wanted involvement; nil draws one that spans CT-0…CT-4 and the 25/50/75 boundaries.
        public var targetInvolvementPercent: Double?

        public init(size: Int = 512, slices: Int = 40, targetInvolvementPercent: Double? = nil) {
            self.size = size
            self.slices = slices
            self.targetInvolvementPercent = targetInvolvementPercent
        }
    }

    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// Case `number` of this seed; independent of any other case.
    public func makeCase(number: Int, _ request: Request = Request()) -> PhantomCase {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(number) &* 0x85EB_CA6B)
        let target = request.targetInvolvementPercent ?? Self.drawTarget(&rng)
        let anatomy = PhantomAnatomy(rng: &rng, domeBase: 0)
        let partial = rng.unit() < 0.1
        let marginBelow = rng.uniform(25...55)
        let marginAbove = partial ? -rng.uniform(10...25) : rng.uniform(15...40)
        let coverage = anatomy.apex + marginAbove + marginBelow
        let fov = max(rng.uniform(330...430), 2 * anatomy.bodyA + 30)
        let spacing = SIMD3(fov / Double(request.size), fov / Double(request.size), coverage / Double(request.slices))
        var canvas = drawAnatomy(anatomy, size: SIMD3(request.size, request.size, request.slices), spacing: spacing, zOrigin: -marginBelow, rng: &rng)
        // Scalar choices first, so they do not depend on how many draws the grid-sized steps make.
        let calcifications = rng.unit() < 0.25 ? Int(rng.next() % 3) + 1 : 0
        let noise = rng.uniform(15...40)
        let padding: Int16? = rng.unit() < 0.4 ? (rng.unit() < 0.5 ? -2048 : -1024) : nil
        let orientation = Int(rng.next() % 4)
        let renderSeed = rng.next()
        var drawing = SplitMix64(seed: rng.next())
        canvas.drawCentralAirways(anatomy)
        canvas.drawLesions(targetPercent: target, anatomy: anatomy, rng: &drawing)
        canvas.drawLungTrees(anatomy, rng: &drawing)
        canvas.drawCalcifications(count: calcifications, rng: &drawing)
        var features: [String] = []
        if anatomy.effusionDepth > 0 { features.append("effusion") }
        if calcifications > 0 { features.append("calcified") }
        if anatomy.stomachGas { features.append("stomach_gas") }
        if anatomy.anteriorJunctionHalfWidth < 5 { features.append("junction") }
        if partial { features.append("partial") }
        return PhantomRendering(canvas: canvas, noise: noise, padding: padding, fovRadius: fov / 2, orientation: orientation, seed: renderSeed)
            .makeCase(features: features)
    }

    /// 15 % healthy, 15 % right at a category boundary, the rest spread over CT-1…CT-4.
    static func drawTarget(_ rng: inout SplitMix64) -> Double {
        let roll = rng.unit()
        if roll < 0.15 { return 0 }
        if roll < 0.30 { return [25.0, 50, 75][Int(rng.next() % 3)] + rng.uniform(-1.0...1.0) }
        let bands: [ClosedRange<Double>] = [1...24, 25...49, 50...74, 75...90]
        return rng.uniform(bands[Int(rng.next() % 4)])
    }

    private func drawAnatomy(_ anatomy: PhantomAnatomy, size: SIMD3<Int>, spacing: SIMD3<Double>, zOrigin: Double, rng: inout SplitMix64) -> PhantomCanvas {
        let parenchyma = rng.uniform(-870 ... -820)
        let gradient = rng.uniform(0...70)
        let probe = PhantomCanvas(size: size, spacing: spacing, zOrigin: zOrigin, hu: [], tissue: [], lesion: [])
        let slices = SliceParallel.map(count: size.z) { k -> ([Float], [PhantomAnatomy.Tissue]) in
            var hu = [Float](), tissue = [PhantomAnatomy.Tissue]()
            hu.reserveCapacity(size.x * size.y)
            tissue.reserveCapacity(size.x * size.y)
            for j in 0..<size.y {
                for i in 0..<size.x {
                    let p = probe.world(i, j, k)
                    let kind = anatomy.tissue(p.x, p.y, p.z)
                    var value = anatomy.baseHU(kind)
                    if kind == .lung {
                        value = parenchyma + gradient * min(1, max(0, (p.y + anatomy.cavityB) / (2 * anatomy.cavityB)))
                    }
                    hu.append(Float(value))
                    tissue.append(kind)
                }
            }
            return (hu, tissue)
        }
        return PhantomCanvas(
            size: size, spacing: spacing, zOrigin: zOrigin,
            hu: slices.flatMap(\.0), tissue: slices.flatMap(\.1),
            lesion: [Bool](repeating: false, count: size.x * size.y * size.z)
        )
    }
}
