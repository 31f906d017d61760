import Testing
@testable import Estimator

struct AirlessLungGrowthTests {
    let configuration = EstimatorConfiguration()

    /// A chest of muscle with a right lung; optionally its posterior part airless (10 HU) out to the wall.
    func scene(consolidatedBelowMM: Double?, consolidationHU: Int16 = 10) -> (slice: SyntheticSlice, envelope: [Bool], filled: [Bool]) {
        var slice = SyntheticSlice(size: 160, spacing: 2, fill: -1000)
        slice.ellipse(cx: 0, cy: 0, a: 150, b: 110, value: 50)
        slice.ellipse(cx: -65, cy: 0, a: 55, b: 75, value: -850)
        slice.rectangle(x: -20...20, y: -80...60, value: -80)  // mediastinal fat
        if let level = consolidatedBelowMM {
            for i in slice.hu.indices where slice.hu[i] == -850 && slice.position(i).y > level { slice.hu[i] = consolidationHU }
        }
        let aerated = slice.hu.map { $0 == -850 }
        let lung = LungEnvelope(
            lung: aerated, blocked: [Bool](repeating: false, count: aerated.count), isRight: true,
            shape: slice.shape, closingRadiusMM: configuration.envelopeClosingRadiusMM
        )
        return (slice, lung.envelope, lung.filled)
    }

    func grow(_ scene: (slice: SyntheticSlice, envelope: [Bool], filled: [Bool])) -> [Bool] {
        let raw = scene.slice.hu.map(Float.init), shape = scene.slice.shape
        var envelope = scene.envelope
        AirlessLungGrowth(configuration: configuration).extend(
            &envelope, filled: scene.filled,
            regional: Morphology.boxMean(raw, shape: shape, radiusMM: configuration.airlessMeanRadiusMM),
            smoothed: Morphology.boxMean(raw, shape: shape, radiusMM: configuration.smoothingRadiusMM),
            blocked: [Bool](repeating: false, count: raw.count), isRight: true,
            midlineX: Double(shape.width) / 2, shape: shape
        )
        return envelope
    }

    func index(_ slice: SyntheticSlice, x: Double, y: Double) -> Int {
        slice.hu.indices.first { slice.position($0).x >= x && slice.position($0).y >= y }!
    }

    @Test func airlessPosteriorLungIsRecoveredUpToTheWall() {
        let scene = scene(consolidatedBelowMM: 30)
        let consolidation = index(scene.slice, x: -65, y: 60)
        let wall = index(scene.slice, x: -65, y: 90)
        let mediastinum = index(scene.slice, x: 0, y: 40)
        #expect(!scene.envelope[consolidation])
        let grown = grow(scene)
        #expect(grown[consolidation])
        #expect(!grown[wall])
        #expect(!grown[mediastinum])
    }

    @Test func aeratedLungOnMuscleGainsNothing() {
        let scene = scene(consolidatedBelowMM: nil)
        let grown = grow(scene)
        #expect(grown == scene.envelope)
    }

    /// Dense ground glass (−450 HU, split off by the air threshold) fills the medial posterior lung up
    /// to the mediastinum, beyond the aerated lung's medial edge in every nearby row and inside the
    /// midline band. It is partly aerated lung, lighter than any mediastinal tissue, so it is taken.
    @Test func denseGroundGlassIsFollowedToTheMediastinalSurface() {
        let base = scene(consolidatedBelowMM: nil)
        var slice = base.slice
        for i in slice.hu.indices where slice.hu[i] == -850 && slice.position(i).y > 10 && slice.position(i).x > -60 {
            slice.hu[i] = -450
        }
        let aerated = slice.hu.map { $0 == -850 }
        let lung = LungEnvelope(
            lung: aerated, blocked: [Bool](repeating: false, count: aerated.count), isRight: true,
            shape: slice.shape, closingRadiusMM: configuration.envelopeClosingRadiusMM
        )
        let groundGlass = index(slice, x: -35, y: 45)
        let fat = index(slice, x: 0, y: 40)
        #expect(!lung.envelope[groundGlass])
        let grown = grow((slice, lung.envelope, lung.filled))
        #expect(grown[groundGlass])
        #expect(!grown[fat])
    }

    /// Consolidation (10 HU) on the mediastinal surface of a lung whose aerated edge in the rows above
    /// lies within 40 mm of the midline: denser than fat, so it is airless lung even in the midline band.
    @Test func consolidationInTheMidlineBandIsTakenUpToTheNearbyEdge() {
        let base = scene(consolidatedBelowMM: nil)
        var slice = base.slice
        for i in slice.hu.indices where slice.hu[i] == -850 && slice.position(i).y > 10 && slice.position(i).x > -50 {
            slice.hu[i] = 10
        }
        let aerated = slice.hu.map { $0 == -850 }
        let lung = LungEnvelope(
            lung: aerated, blocked: [Bool](repeating: false, count: aerated.count), isRight: true,
            shape: slice.shape, closingRadiusMM: configuration.envelopeClosingRadiusMM
        )
        let consolidation = index(slice, x: -30, y: 25)
        let fat = index(slice, x: -10, y: 25)
        #expect(!lung.envelope[consolidation])
        let grown = grow((slice, lung.envelope, lung.filled))
        #expect(grown[consolidation])
        #expect(!grown[fat])
    }

    /// Airless lung reaches the wall: its last row, whose 5-mm mean takes in the wall (50 HU) and rises
    /// above the airless-lung cap, is lung by its own density; the wall's first row is not.
    @Test func airlessLungIsTakenUpToTheWallNotShortOfIt() {
        let scene = scene(consolidatedBelowMM: 30)
        let lastLungRow = index(scene.slice, x: -65, y: 74)
        let firstWallRow = index(scene.slice, x: -65, y: 76)
        let grown = grow(scene)
        #expect(grown[lastLungRow])
        #expect(!grown[firstWallRow])
    }
}
