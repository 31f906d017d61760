import Testing
@testable import Estimator

struct LungEnvelopeTests {
    let configuration = EstimatorConfiguration()

    /// A band of consolidation across the whole right lung leaves rows without aerated lung, so without
    /// a medial edge of their own; they borrow it from the rows above and below and the closing fills them.
    @Test func consolidatedBandAcrossTheLungIsClosed() {
        var slice = SyntheticSlice.chest(size: 128, spacing: 2.5)
        for i in slice.hu.indices where slice.hu[i] == -850 && slice.position(i).x < 0 && abs(slice.position(i).y) <= 4 {
            slice.hu[i] = 20
        }
        let right = slice.hu.indices.map { slice.hu[$0] == -850 && slice.position($0).x < 0 }
        let envelope = LungEnvelope(
            lung: right, blocked: [Bool](repeating: false, count: right.count), isRight: true,
            shape: slice.shape, closingRadiusMM: configuration.envelopeClosingRadiusMM
        )
        let band = slice.hu.indices.first { slice.position($0).x >= -65 && slice.position($0).y >= 0 }!
        #expect(slice.hu[band] == 20)
        #expect(envelope.envelope[band])
        let mediastinum = slice.hu.indices.first { slice.position($0).x >= 0 && slice.position($0).y >= 0 }!
        #expect(!envelope.envelope[mediastinum])
    }

    @Test func rowsBeyondTheLungAreNotBridged() {
        let edges: [Int?] = [nil, 10, nil, nil, 14, nil]
        #expect(LungEnvelope.bridged(edges, isRight: true) == [nil, 10, 10, 10, 14, nil])
        #expect(LungEnvelope.bridged(edges, isRight: false) == [nil, 10, 14, 14, 14, nil])
    }
}
