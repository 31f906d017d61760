import Foundation
import Postgres

/// Who caused a change, for the audit trail: a user, or a named system part (the inbox, a worker, the CLI).
public struct Actor: Sendable, Equatable {
    public var userID: Int?
    public var label: String
    public var requestID: String?

    public init(userID: Int?, label: String, requestID: String? = nil) {
        self.userID = userID
        self.label = label
        self.requestID = requestID
    }

    public static func user(_ principal: Principal, requestID: String? = nil) -> Actor {
        Actor(userID: principal.userID, label: principal.name, requestID: requestID)
    }

    public static func system(_ label: String) -> Actor { Actor(userID: nil, label: label) }

    /// Appends one audit event inside the caller's transaction.
    public func audit(
        _ action: String, entity: String, id: String, before: [String: String]? = nil, after: [String: String]? = nil,
        on connection: PostgresConnection
    ) async throws {
        try await connection.query("""
            INSERT INTO audit_events (actor_user_id, actor, action, entity, entity_id, before, after, request_id)
            VALUES (\(userID), \(label), \(action), \(entity), \(id), \(before.map(PostgresJSON.init)), \(after.map(PostgresJSON.init)), \(requestID))
            """)
    }
}
