extension ConfusionMatrix {
    /// Cohen's kappa with quadratic weights, κ = 1 − Σ w·O / Σ w·E with w(i, j) = (i − j)² and E the counts
    /// expected if the raters were independent (row total × column total / N). The usual normalisation of w
    /// by (k − 1)² cancels out. With two categories it equals the unweighted kappa.
    ///
    /// Nil when undefined: no pairs, a single category, or no disagreement expected by chance (both raters
    /// used one and the same category throughout), where the ratio is 0/0.
    public var quadraticWeightedKappa: Double? {
        let n = total
        guard n > 0, size > 1 else { return nil }
        let rows = rowTotals, columns = columnTotals
        // Integer sums keep the result exact up to the final division (Σ w·E is scaled by N² here, Σ w·O by N).
        var observed = 0, expected = 0
        for i in 0..<size {
            for j in 0..<size where i != j {
                let weight = (i - j) * (i - j)
                observed += weight * counts[i][j]
                expected += weight * rows[i] * columns[j]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - Double(n * observed) / Double(expected)
    }
}
