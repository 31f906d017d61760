import Foundation
import Postgres

extension Accounts {
    /// Disables a user for good: their API tokens and sessions stop working at once, and any study they hold
    /// returns to the queue. The row stays (readings and audit events refer to it). Nobody disables themselves,
    /// so the last administrator cannot lock everyone out by accident.
    public func disable(name: String, actor: Actor) async throws {
        guard name != actor.label || actor.userID == nil else {
            throw AccountError(code: .invalidField, message: "you cannot disable your own account")
        }
        try await pool.withTransaction { connection in
            guard let id = try await connection.query("""
                UPDATE users SET disabled_at = now() WHERE name = \(name) AND disabled_at IS NULL RETURNING id
                """).first?.decode(Int.self, at: 0)
            else { throw AccountError(code: .unknownUser, message: "no active user named \"\(name)\"") }
            try await connection.query("UPDATE api_tokens SET revoked_at = now() WHERE user_id = \(id) AND revoked_at IS NULL")
            try await connection.query("UPDATE sessions SET revoked_at = now() WHERE user_id = \(id) AND revoked_at IS NULL")
            let released = try await connection.query("""
                UPDATE worklist_items SET claimed_by = NULL, claim_token = NULL, claim_expires_at = NULL WHERE claimed_by = \(id)
                """).affectedRows
            try await actor.audit("user.disable", entity: "user", id: name, after: ["claims_released": String(released)], on: connection)
        }
    }
}
