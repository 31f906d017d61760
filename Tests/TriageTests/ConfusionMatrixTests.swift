import Foundation
import Testing
import Triage

@Suite("Confusion matrix and quadratic weighted kappa")
struct ConfusionMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var counts: [[Int]]
        var kappa: Double?
        var exact: Double?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Wikipedia, "Cohen's kappa", worked example: p_o = 0.7, p_e = 0.5, κ = 0.4. With two categories the
        // quadratic weights are 0/1, so the weighted kappa is Cohen's.
        Case(name: "2×2 textbook example", counts: [[20, 5], [10, 15]], kappa: 0.4, exact: 0.7),
        // By hand: N = 5, Σw·O = 2 (two cells one apart), rows (2, 2, 1), columns (1, 2, 2),
        // Σw·r·c = 4 + 16 + 2 + 4 + 4 + 2 = 32, κ = 1 − 5·2/32 = 11/16.
        Case(name: "3×3 by hand", counts: [[1, 1, 0], [0, 1, 1], [0, 0, 1]], kappa: 11.0 / 16, exact: 0.6),
        // N = 30, Σw·O = 8, Σw·r·c = 982: κ = 1 − 240/982 = 371/491.
        Case(name: "3×3 mostly agreeing", counts: [[10, 2, 0], [3, 8, 2], [0, 1, 4]], kappa: 371.0 / 491, exact: 22.0 / 30),
        Case(name: "perfect agreement", counts: [[3, 0, 0, 0, 0], [0, 2, 0, 0, 0], [0, 0, 4, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 5]], kappa: 1, exact: 1),
        Case(name: "complete reversal", counts: [[0, 0, 5], [0, 0, 0], [5, 0, 0]], kappa: -1, exact: 0),
        Case(name: "independent raters", counts: [[1, 1], [1, 1]], kappa: 0, exact: 0.5),
        Case(name: "no pairs: undefined", counts: [[0, 0], [0, 0]], kappa: nil, exact: nil),
        Case(name: "one category throughout: undefined", counts: [[0, 0, 0], [0, 7, 0], [0, 0, 0]], kappa: nil, exact: 1),
        Case(name: "a single category: undefined", counts: [[4]], kappa: nil, exact: 1),
    ]

    @Test("kappa and exact agreement", arguments: cases)
    func kappa(_ example: Case) throws {
        let matrix = ConfusionMatrix(counts: example.counts)
        if let expected = example.kappa {
            let kappa = try #require(matrix.quadraticWeightedKappa)
            #expect(abs(kappa - expected) < 1e-12, "κ = \(kappa), expected \(expected)")
        } else {
            #expect(matrix.quadraticWeightedKappa == nil)
        }
        #expect(matrix.exactAgreement == example.exact)
    }

    @Test("kappa is symmetric in the two raters and far disagreement weighs more than near")
    func weighting() throws {
        let near = ConfusionMatrix(counts: [[4, 1, 0], [0, 4, 0], [0, 0, 4]])
        let far = ConfusionMatrix(counts: [[4, 0, 1], [0, 4, 0], [0, 0, 4]])
        let transposed = ConfusionMatrix(counts: [[4, 0, 0], [1, 4, 0], [0, 0, 4]])
        let nearKappa = try #require(near.quadraticWeightedKappa), farKappa = try #require(far.quadraticWeightedKappa)
        #expect(nearKappa > farKappa)
        #expect(near.quadraticWeightedKappa == transposed.quadraticWeightedKappa)
    }

    @Test("adding pairs, totals, and JSON as a bare array of rows")
    func building() throws {
        var matrix = ConfusionMatrix(size: 3)
        matrix.add(row: 0, column: 1)
        matrix.add(row: 2, column: 2, count: 3)
        #expect(matrix.counts == [[0, 1, 0], [0, 0, 0], [0, 0, 3]])
        #expect(matrix.total == 4)
        #expect(matrix.rowTotals == [1, 0, 3])
        #expect(matrix.columnTotals == [0, 1, 3])
        let json = String(decoding: try JSONEncoder().encode(matrix), as: UTF8.self)
        #expect(json == "[[0,1,0],[0,0,0],[0,0,3]]")
        #expect(try JSONDecoder().decode(ConfusionMatrix.self, from: Data(json.utf8)) == matrix)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConfusionMatrix.self, from: Data("[[1,2]]".utf8)) }
    }
}
