import Testing
@testable import Estimator

struct MetricsTests {
    @Test func perfectAgreementHasKappaOne() {
        var matrix = ConfusionMatrix()
        for category in CTCategory.allCases { matrix.add(truth: category, estimate: category) }
        #expect(matrix.accuracy == 1)
        #expect(matrix.quadraticWeightedKappa == 1)
    }

    @Test func quadraticKappaPenalisesDistantErrorsMore() {
        var near = ConfusionMatrix(), far = ConfusionMatrix()
        for category in CTCategory.allCases {
            near.add(truth: category, estimate: category)
            far.add(truth: category, estimate: category)
        }
        near.add(truth: .ct1, estimate: .ct2)
        far.add(truth: .ct0, estimate: .ct4)
        #expect(near.accuracy == far.accuracy)
        #expect(near.quadraticWeightedKappa! > far.quadraticWeightedKappa!)
    }

    @Test func kappaMatchesHandComputedExample() {
        // Two categories used: observed weighted disagreement 1/16 · 2/4, expected from marginals.
        var matrix = ConfusionMatrix()
        matrix.add(truth: .ct0, estimate: .ct0)
        matrix.add(truth: .ct0, estimate: .ct2)
        matrix.add(truth: .ct2, estimate: .ct2)
        matrix.add(truth: .ct2, estimate: .ct2)
        // w(0,2) = 4/16. observed = 0.25 · 1/4 = 0.0625; row sums (2, 2), column sums (1, 3):
        // expected = 0.25 · (2·3 + 2·1) / 16 = 0.125 → κ = 0.5.
        #expect(abs(matrix.quadraticWeightedKappa! - 0.5) < 1e-12)
    }

    @Test func diceOfKnownMasks() {
        #expect(Dice.coefficient([1, 1, 0, 0], [1, 0, 1, 0]) == 0.5)
        #expect(Dice.coefficient([0, 0], [0, 0]) == nil)
        #expect(Dice.coefficient([2, 1], [1, 1]) == 1)
    }
}
