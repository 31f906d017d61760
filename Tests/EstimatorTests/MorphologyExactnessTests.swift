import Testing
@testable import Estimator

/// The fast paths (interval sweeps instead of the distance field, work cropped to the mask's box)
/// must give exactly what the definitions give, on random blobs with anisotropic pixels.
struct MorphologyExactnessTests {
    static let shapes = [
        PlaneShape(width: 37, height: 29, spacingX: 0.7, spacingY: 1.3),
        PlaneShape(width: 50, height: 41, spacingX: 1, spacingY: 1),
        PlaneShape(width: 23, height: 45, spacingX: 1.25, spacingY: 0.625),
    ]

    /// Random rectangles, some touching the frame, some leaving the mask's box well inside it.
    static func blobs(_ shape: PlaneShape, seed: UInt64) -> [Bool] {
        var random = SplitMix64(seed: seed)
        var mask = [Bool](repeating: false, count: shape.count)
        for _ in 0..<Int(random.next() % 6) {
            let x0 = Int(random.next() % UInt64(shape.width)), y0 = Int(random.next() % UInt64(shape.height))
            let x1 = min(shape.width, x0 + 1 + Int(random.next() % 12)), y1 = min(shape.height, y0 + 1 + Int(random.next() % 12))
            for y in y0..<y1 { for x in x0..<x1 { mask[y * shape.width + x] = random.next() % 9 != 0 } }
        }
        return mask
    }

    @Test(arguments: 0..<3)
    func withinMatchesTheField(shapeIndex: Int) {
        let shape = Self.shapes[shapeIndex]
        for seed in 0..<40 {
            let mask = Self.blobs(shape, seed: UInt64(seed * 7 + shapeIndex))
            let field = DistanceTransform.squaredDistance(to: mask, shape: shape)
            for radius in [0.5, 1.0, 1.3, 2.5, 4.0, 9.0] {
                let limit = radius * radius + 1e-9
                let within = DistanceTransform.within(limit, of: mask, featureValue: true, shape: shape)
                #expect(within == field.map { $0 <= limit })
            }
        }
    }

    @Test(arguments: 0..<3)
    func croppedMorphologyMatchesBruteForce(shapeIndex: Int) {
        let shape = Self.shapes[shapeIndex]
        for seed in 0..<12 {
            let mask = Self.blobs(shape, seed: UInt64(1000 + seed * 5 + shapeIndex))
            for radius in [1.0, 2.5, 6.0] {
                #expect(Morphology.dilate(mask, shape: shape, radiusMM: radius) == Self.bruteDilate(mask, shape: shape, radius: radius))
                #expect(Morphology.erode(mask, shape: shape, radiusMM: radius) == Self.bruteErode(mask, shape: shape, radius: radius))
                let bruteClosing = Self.bruteErode(Self.bruteDilate(mask, shape: shape, radius: radius), shape: shape, radius: radius)
                #expect(Morphology.close(mask, shape: shape, radiusMM: radius) == bruteClosing)
            }
            #expect(Morphology.fillHoles(mask, shape: shape) == Self.bruteFillHoles(mask, shape: shape))
        }
    }

    /// Whether some pixel within `radius` of pixel `i` (the same Double expression as the distance
    /// field) satisfies `hit`; only the window the radius can reach is searched.
    static func anyWithin(_ i: Int, radius: Double, shape: PlaneShape, hit: (Int) -> Bool) -> Bool {
        let x = i % shape.width, y = i / shape.width
        let rx = Int(radius / shape.spacingX) + 1, ry = Int(radius / shape.spacingY) + 1
        for ny in max(0, y - ry)...min(shape.height - 1, y + ry) {
            for nx in max(0, x - rx)...min(shape.width - 1, x + rx) {
                let dx = Double(nx - x), dy = Double(ny - y)
                let squared = shape.spacingY * shape.spacingY * dy * dy + (shape.spacingX * shape.spacingX * dx * dx + 0)
                if squared <= radius * radius + 1e-9 && hit(ny * shape.width + nx) { return true }
            }
        }
        return false
    }

    static func bruteDilate(_ mask: [Bool], shape: PlaneShape, radius: Double) -> [Bool] {
        mask.indices.map { i in anyWithin(i, radius: radius, shape: shape) { mask[$0] } }
    }

    static func bruteErode(_ mask: [Bool], shape: PlaneShape, radius: Double) -> [Bool] {
        mask.indices.map { i in
            let x = i % shape.width, y = i / shape.width
            let nearFrame = min(Double(x + 1), Double(shape.width - x)) * shape.spacingX <= radius + 1e-9
                || min(Double(y + 1), Double(shape.height - y)) * shape.spacingY <= radius + 1e-9
            return !nearFrame && !anyWithin(i, radius: radius, shape: shape) { !mask[$0] }
        }
    }

    /// Background not 4-connected to the frame border, by repeated relaxation.
    static func bruteFillHoles(_ mask: [Bool], shape: PlaneShape) -> [Bool] {
        let w = shape.width, h = shape.height
        var outside = mask.indices.map { i in !mask[i] && (i % w == 0 || i % w == w - 1 || i / w == 0 || i / w == h - 1) }
        var changed = true
        while changed {
            changed = false
            for i in mask.indices where !mask[i] && !outside[i] {
                let x = i % w, y = i / w
                let neighbours = [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)].filter { $0.0 >= 0 && $0.0 < w && $0.1 >= 0 && $0.1 < h }
                if neighbours.contains(where: { outside[$0.1 * w + $0.0] }) { outside[i] = true; changed = true }
            }
        }
        return outside.map { !$0 }
    }
}

struct OrderStatisticTests {
    @Test func selectionAgreesWithSorting() {
        var random = SplitMix64(seed: 42)
        for round in 0..<300 {
            let count = 1 + Int(random.next() % 200)
            // Few distinct values in some rounds, so ties are exercised.
            let distinct = round % 3 == 0 ? 4 : 1_000
            let values = (0..<count).map { _ in Float(Int(random.next() % UInt64(distinct))) / 7 - 40 }
            let k = Int(random.next() % UInt64(count))
            var scratch = values
            #expect(OrderStatistic.select(&scratch, k: k) == values.sorted()[k])
        }
        var sorted = (0..<1_000).map(Float.init)
        #expect(OrderStatistic.select(&sorted, k: 500) == 500)
    }
}

struct CroppedWorkTests {
    @Test func croppedBoxMeanMatchesTheWholeSlice() {
        var random = SplitMix64(seed: 7)
        for round in 0..<60 {
            let shape = MorphologyExactnessTests.shapes[round % 3]
            let hu = (0..<shape.count).map { _ in Int16(truncatingIfNeeded: Int(random.next() % 4096) - 1024 - (round % 5 == 0 ? 30_000 : 0)) }
            let x0 = Int(random.next() % UInt64(shape.width)), y0 = Int(random.next() % UInt64(shape.height))
            let crop = PlaneCrop(
                x0: x0, x1: min(shape.width - 1, x0 + Int(random.next() % 20)),
                y0: y0, y1: min(shape.height - 1, y0 + Int(random.next() % 20)), margin: 0, in: shape
            )
            for radius in [1.5, 5.0, 9.0] {
                #expect(Morphology.boxMean(hu, shape: shape, radiusMM: radius, in: crop) == crop.extract(Morphology.boxMean(hu, shape: shape, radiusMM: radius)))
            }
        }
        // A row too wide for 32-bit sums of extreme values takes 64-bit ones.
        let wide = PlaneShape(width: 12_000, height: 5, spacingX: 1, spacingY: 1)
        let extreme = (0..<wide.count).map { Int16.min + Int16($0 % 3) }
        let crop = PlaneCrop(x0: 0, x1: wide.width - 1, y0: 1, y1: 3, margin: 0, in: wide)
        #expect(Morphology.boxMean(extreme, shape: wide, radiusMM: 3, in: crop) == crop.extract(Morphology.boxMean(extreme, shape: wide, radiusMM: 3)))
    }

    /// The box of the pixels holding any of `bits`, pixel by pixel.
    static func box(of plane: [UInt8], shape: PlaneShape, where bits: UInt8) -> PlaneCrop.Box? {
        let hits = plane.indices.filter { plane[$0] & bits != 0 }
        guard !hits.isEmpty else { return nil }
        let xs = hits.map { $0 % shape.width }, ys = hits.map { $0 / shape.width }
        return (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
    }

    /// The word-at-a-time box of a Bool mask equals the pixel-by-pixel one, for widths on and off
    /// multiples of eight and for pixels in the first and last byte of a row.
    @Test func maskBoxReadEightPixelsAtATimeMatchesPixelByPixel() {
        var random = SplitMix64(seed: 13)
        for round in 0..<400 {
            let shape = PlaneShape(width: 1 + round % 41, height: 1 + Int(random.next() % 9), spacingX: 0.8, spacingY: 1.1)
            var mask = [Bool](repeating: false, count: shape.count)
            for _ in 0..<Int(random.next() % 4) { mask[Int(random.next() % UInt64(shape.count))] = true }
            if round % 7 == 0 { mask[shape.width - 1] = true }
            if round % 11 == 0 { mask[(shape.height - 1) * shape.width] = true }
            let box = PlaneCrop.bounds(of: mask, in: shape)
            let reference = Self.box(of: mask.map { $0 ? UInt8(1) : 0 }, shape: shape, where: 1)
            #expect(box?.minX == reference?.minX && box?.maxX == reference?.maxX && box?.minY == reference?.minY && box?.maxY == reference?.maxY, "round \(round)")
        }
    }

    /// A kept plane read over any crop of its slice equals the crop of the whole plane; the two envelope
    /// boxes found in one pass equal the boxes of each side's pixels.
    @Test func keptPlanesReadOverCropsAndSideBoxesMatchTheWholeSlice() {
        var random = SplitMix64(seed: 17)
        for round in 0..<200 {
            let shape = PlaneShape(width: 5 + round % 37, height: 3 + Int(random.next() % 20), spacingX: 1.1, spacingY: 0.9)
            var full = [UInt8](repeating: 0, count: shape.count)
            for _ in 0..<Int(random.next() % 8) {
                full[Int(random.next() % UInt64(shape.count))] = [SliceEnvelopes.right, SliceEnvelopes.left, SliceEnvelopes.right | SliceEnvelopes.aerated][Int(random.next() % 3)]
            }
            let plane = CroppedPlane(full, shape: shape)
            let x0 = Int(random.next() % UInt64(shape.width)), y0 = Int(random.next() % UInt64(shape.height))
            let crop = PlaneCrop(x0: x0, x1: x0 + Int(random.next() % 12), y0: y0, y1: y0 + Int(random.next() % 12), margin: 0, in: shape)
            #expect(plane.extract(crop) == crop.extract(full), "round \(round)")
            let boxes = SliceSegmenter.sideBounds(full, shape: shape)
            for (side, bit) in [SliceEnvelopes.right, SliceEnvelopes.left].enumerated() {
                let reference = Self.box(of: full, shape: shape, where: bit)
                let box = boxes[side]
                #expect(box?.minX == reference?.minX && box?.maxX == reference?.maxX && box?.minY == reference?.minY && box?.maxY == reference?.maxY, "round \(round) side \(side)")
            }
        }
    }

    /// Medians gathered per region in one buffer equal the median of each region's values on their own.
    @Test func regionMediansMatchEachRegionsOwnMedian() {
        var random = SplitMix64(seed: 19)
        for _ in 0..<50 {
            let regionCount = 1 + Int(random.next() % 6)
            let labels = (0..<300).map { _ in Int32(random.next() % UInt64(regionCount + 1)) }
            let values = labels.map { _ in Float(Int(random.next() % 2000) - 1000) / 4 }
            let medians = RegionMedians.of(values, labels: labels, regionCount: regionCount)
            #expect(medians.count == regionCount + 1 && medians[0] == nil)
            for label in 1...regionCount {
                let own = labels.indices.filter { labels[$0] == Int32(label) }.map { values[$0] }
                #expect(medians[label] == LesionSegmenter.median(own), "region \(label)")
            }
        }
    }

    @Test func bandsAndPlanesFromCropsMatchTheWholeSlice() {
        var random = SplitMix64(seed: 11)
        let shape = MorphologyExactnessTests.shapes[1]
        for _ in 0..<40 {
            let x0 = Int(random.next() % 40), y0 = Int(random.next() % 30)
            let crop = PlaneCrop(x0: x0, x1: x0 + Int(random.next() % 10), y0: y0, y1: y0 + Int(random.next() % 10), margin: 1, in: shape)
            let values = (0..<crop.shape.count).map { _ in random.next() % 4 == 0 ? UInt8(1 + random.next() % 7) : 0 }
            let full = crop.embed(values, outside: 0)
            let plane = CroppedPlane(values, in: crop), reference = CroppedPlane(full, shape: shape)
            #expect(plane.expanded() == full && plane.x0 == reference.x0 && plane.y0 == reference.y0 && plane.values == reference.values)
            var runs: [[Int]] = [], referenceRuns: [[Int]] = []
            LabelRuns(values.map(UInt16.init), in: crop).forEachRun { runs.append([$0.lowerBound, $0.upperBound, Int($1)]) }
            LabelRuns(full.map(UInt16.init), width: shape.width).forEachRun { referenceRuns.append([$0.lowerBound, $0.upperBound, Int($1)]) }
            #expect(runs == referenceRuns)
        }
    }
}
