import Foundation
import HummingbirdBcrypt
import Postgres

extension Accounts {
    /// A fresh browser session. Both tokens are shown once; the database keeps their digests.
    public struct NewSession: Sendable {
        public var token: String
        public var csrfToken: String
        public var expiresAt: Date
        public var principal: Principal
    }

    /// A bcrypt hash of a random string, verified when the user name is unknown so that the answer takes as
    /// long as for a wrong password and does not reveal which names exist.
    static let decoyHash = Bcrypt.hash(SecretToken.make(prefix: ""), cost: 12)

    /// Checks name and password and opens a new session (never reusing one, so a planted session id cannot be
    /// promoted by logging in).
    public func login(name: String, password: String, lifetime: Duration, requestID: String? = nil) async throws -> NewSession {
        // A name that cannot exist is looked up as an empty one, so the answer and its timing stay the same.
        let lookup = name.range(of: "^[A-Za-z0-9._@-]{1,64}$", options: .regularExpression) != nil ? name : ""
        let row = try await pool.query("""
            SELECT id, role, clinic_id, password_hash FROM users WHERE name = \(lookup) AND disabled_at IS NULL
            """).first
        let found = try row?.decode((Int, String, Int?, String?).self)
        let valid = await verifyPassword(password, hash: found?.3 ?? Self.decoyHash)
        guard let found, found.3 != nil, valid, let role = Role(rawValue: found.1) else {
            throw AccountError(code: .invalidCredentials, message: "unknown user name or wrong password")
        }
        let token = SecretToken.make(prefix: "cts_")
        let csrf = SecretToken.make(prefix: "csrf_")
        let csrfDigest = SecretToken.digest(csrf)
        return try await pool.withTransaction { connection in
            let (id, expires) = try await connection.query("""
                INSERT INTO sessions (user_id, token_sha256, csrf_sha256, expires_at)
                VALUES (\(found.0), \(SecretToken.digest(token)), \(csrfDigest), now() + \(lifetime.components.seconds) * interval '1 second')
                RETURNING id, expires_at
                """).first!.decode((Int, Date).self)
            let principal = Principal(
                userID: found.0, name: name, role: role, clinicID: found.2, credential: .session(id: id, csrfDigest: csrfDigest))
            try await Actor.user(principal, requestID: requestID).audit("session.login", entity: "user", id: name, on: connection)
            return NewSession(token: token, csrfToken: csrf, expiresAt: expires, principal: principal)
        }
    }

    /// The user behind a live session cookie, or nil for an unknown, expired or logged-out one.
    public func authenticate(sessionToken: String) async throws -> Principal? {
        guard sessionToken.hasPrefix("cts_"), sessionToken.utf8.count < 128 else { return nil }
        guard let row = try await pool.query("""
            SELECT s.id, s.csrf_sha256, u.id, u.name, u.role, u.clinic_id
              FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_sha256 = \(SecretToken.digest(sessionToken)) AND s.revoked_at IS NULL AND s.expires_at > now()
               AND u.disabled_at IS NULL
            """).first
        else { return nil }
        let (session, csrf, id, name, role, clinic) = try row.decode((Int, [UInt8], Int, String, String, Int?).self)
        return Principal(
            userID: id, name: name, role: Role(rawValue: role)!, clinicID: clinic, credential: .session(id: session, csrfDigest: csrf))
    }

    /// Ends a session for good: its token is refused from now on, even before it would expire.
    public func logout(_ principal: Principal, requestID: String? = nil) async throws {
        guard case .session(let id, _) = principal.credential else { return }
        try await pool.withTransaction { connection in
            try await connection.query("UPDATE sessions SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL")
            try await Actor.user(principal, requestID: requestID).audit("session.logout", entity: "user", id: principal.name, on: connection)
        }
    }
}
