import Testing
@testable import Estimator

struct PipelineStepTests {
    let configuration = EstimatorConfiguration()

    @Test func bodyExcludesTableAndPaddedFieldOfView() {
        var slice = SyntheticSlice.chest()
        slice.rectangle(x: -140...140, y: 130...140, value: 200)  // table, separated by air
        for i in 0..<slice.shape.count {
            let p = slice.position(i)
            if p.x * p.x + p.y * p.y > 165 * 165 { slice.hu[i] = -2048 }
        }
        let survey = BodySegmenter(configuration: configuration).survey(slice: slice.hu, shape: slice.shape)
        let bodyPixels = slice.hu.indices.filter { i in
            let p = slice.position(i)
            return (p.x / 150) * (p.x / 150) + (p.y / 110) * (p.y / 110) <= 1
        }.count
        let lungPixels = slice.hu.filter { $0 == -850 }.count
        #expect(abs(survey.bodyArea - (bodyPixels - lungPixels)) <= bodyPixels / 50)
        #expect(survey.regions.count == 2)
        #expect(survey.regions.allSatisfy { $0.meanHU == -850 })
    }

    @Test func envelopeRecoversDenseBiteAtTheChestWallButNotTheMediastinum() {
        var slice = SyntheticSlice.chest(size: 128, spacing: 2.5)
        // Consolidation filling a bite of the right lung's lateral edge.
        slice.ellipse(cx: -115, cy: 0, a: 18, b: 22, value: 20)
        let lung = slice.hu.map { $0 < -400 }
        let right = lung.indices.map { lung[$0] && slice.position($0).x < 0 }
        let envelope = LungEnvelope(
            lung: right, blocked: [Bool](repeating: false, count: right.count), isRight: true,
            shape: slice.shape, closingRadiusMM: configuration.envelopeClosingRadiusMM
        )
        let biteCenter = slice.hu.indices.first { slice.position($0).x >= -106 && slice.position($0).y >= 0 }!
        #expect(envelope.envelope[biteCenter])
        let mediastinum = slice.hu.indices.first { slice.position($0).x >= 0 && slice.position($0).y >= 0 }!
        #expect(!envelope.envelope[mediastinum])
    }

    @Test func lesionsAreGroundGlassAndConsolidationNotVesselsNorCalcifications() {
        var slice = SyntheticSlice(size: 128, spacing: 1)
        slice.ellipse(cx: 0, cy: 0, a: 60, b: 60, value: -850)
        slice.ellipse(cx: -25, cy: -20, a: 12, b: 12, value: -500)   // ground glass
        slice.ellipse(cx: 25, cy: -20, a: 10, b: 10, value: 0)       // consolidation in ground glass
        slice.ellipse(cx: 25, cy: -20, a: 16, b: 16, value: -550)
        slice.ellipse(cx: 25, cy: -20, a: 10, b: 10, value: 0)
        slice.rectangle(x: -40...40, y: 25...27, value: 40)         // vessel, 3 mm thick
        slice.ellipse(cx: -20, cy: 40, a: 3, b: 3, value: 700)       // calcified granuloma
        let envelope = slice.hu.indices.map { i in
            let p = slice.position(i)
            return p.x * p.x + p.y * p.y <= 60 * 60
        }
        let smoothed = Morphology.boxMean(slice.hu.map(Float.init), shape: slice.shape, radiusMM: configuration.smoothingRadiusMM)
        let lesion = LesionSegmenter(configuration: configuration).lesions(raw: slice.hu.map(Float.init), smoothed: smoothed, envelope: envelope, filled: envelope, shape: slice.shape)
        func at(_ x: Double, _ y: Double) -> Bool {
            lesion[slice.hu.indices.first { slice.position($0).x >= x && slice.position($0).y >= y }!]
        }
        #expect(at(-25, -20))
        #expect(at(25, -20))
        #expect(!at(0, 26))
        #expect(!at(-20, 40))
        #expect(!at(0, 10))
        let area = Double(lesion.filter { $0 }.count)
        let truth = Double.pi * (12 * 12 + 16 * 16)
        #expect(abs(area - truth) / truth < 0.15)
    }

    @Test func dependentGradientIsNotDisease() {
        var slice = SyntheticSlice(size: 128, spacing: 1)
        slice.ellipse(cx: 0, cy: 0, a: 60, b: 60, value: -850)
        for i in slice.hu.indices where slice.hu[i] == -850 {
            slice.hu[i] = Int16(-850 + 80 * (slice.position(i).y + 60) / 120)  // −850 front … −770 back
        }
        let envelope = slice.hu.indices.map { slice.hu[$0] > -900 && slice.hu[$0] < -700 }
        let smoothed = Morphology.boxMean(slice.hu.map(Float.init), shape: slice.shape, radiusMM: configuration.smoothingRadiusMM)
        let lesion = LesionSegmenter(configuration: configuration).lesions(raw: slice.hu.map(Float.init), smoothed: smoothed, envelope: envelope, filled: envelope, shape: slice.shape)
        #expect(!lesion.contains(true))
    }

    @Test func dependentEffusionAddedByTheEnvelopeIsNotLesion() {
        var slice = SyntheticSlice(size: 128, spacing: 1)
        slice.ellipse(cx: 0, cy: 0, a: 50, b: 50, value: -850)
        slice.ellipse(cx: 0, cy: 40, a: 20, b: 8, value: 12)
        let filled = slice.hu.map { $0 == -850 }
        let envelope = slice.hu.indices.map { filled[$0] || slice.hu[$0] == 12 }
        let smoothed = slice.hu.map(Float.init)
        let lesion = LesionSegmenter(configuration: configuration).lesions(raw: slice.hu.map(Float.init), smoothed: smoothed, envelope: envelope, filled: filled, shape: slice.shape)
        #expect(!lesion.contains(true))
    }

    @Test func tracheaIsTrackedFromTheTopAndLungsAreNot() {
        let shape = PlaneShape(width: 96, height: 96, spacingX: 3.5, spacingY: 3.5)
        var surveys: [SliceSurvey] = []
        for z in 0..<8 {
            var slice = SyntheticSlice.chest()
            slice.ellipse(cx: 0, cy: 30, a: 9, b: 9, value: -1000)
            if z >= 6 { slice.ellipse(cx: -65, cy: 0, a: 55, b: 75, value: 40); slice.ellipse(cx: 65, cy: 0, a: 50, b: 75, value: 40) }
            surveys.append(BodySegmenter(configuration: configuration).survey(slice: slice.hu, shape: shape))
        }
        let airways = AirwayTracker(configuration: configuration).track(surveys, shape: shape, sliceSpacingMM: 5)
        #expect(airways.allSatisfy { $0.count == 1 })
        for z in 0..<6 {
            let lungs = surveys[z].regions.enumerated().filter { !airways[z].contains(UInt16($0.offset + 1)) }
            #expect(lungs.count == 2)
            #expect(lungs.allSatisfy { $0.element.meanHU == -850 })
        }
    }
}
