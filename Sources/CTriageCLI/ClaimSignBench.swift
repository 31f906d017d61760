import Foundation
import Postgres

/// Runs `ClaimSignScript` through pgbench for about as long as the HTTP measurement took.
struct ClaimSignBench {
    var base: PostgresConfiguration
    var seconds: Int

    func pgbenchRate(clients: Int, firstRadiologist: Int, expectedRate: Double) throws -> Double {
        try Pgbench.rate(
            script: ClaimSignScript.text, clients: clients,
            transactionsPerClient: max(50, Int(expectedRate * Double(seconds) / Double(clients))),
            variables: ["base": String(firstRadiologist)], connectionString: base.connectionString)
    }
}
