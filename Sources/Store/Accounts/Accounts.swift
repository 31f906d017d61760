import Foundation
import HummingbirdBcrypt
import Postgres

/// Clinics, users and their API tokens. Passwords are stored as bcrypt hashes, tokens as SHA-256 digests;
/// every change writes an audit event in the same transaction.
public struct Accounts: Sendable {
    public struct Clinic: Sendable, Codable, Equatable {
        public var id: Int
        public var code: String
        public var name: String
    }

    public struct User: Sendable, Codable, Equatable {
        public var id: Int
        public var name: String
        public var role: Role
        public var clinicCode: String?
        public var createdAt: Date
        public var disabled: Bool
    }

    let pool: PostgresPool
    let bcryptCost: UInt8

    /// `bcryptCost` 12 takes about a quarter of a second per hash, which is the point; tests may lower it.
    public init(pool: PostgresPool, bcryptCost: UInt8 = 12) {
        self.pool = pool
        self.bcryptCost = bcryptCost
    }

    @discardableResult
    public func addClinic(code: String, name: String, actor: Actor) async throws -> Clinic {
        guard code.range(of: "^[A-Za-z0-9_-]{1,32}$", options: .regularExpression) != nil else {
            throw AccountError(code: .invalidField, message: "clinic code must be 1–32 letters, digits, '_' or '-'")
        }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else {
            throw AccountError(code: .invalidField, message: "clinic name must be 1–200 characters")
        }
        return try await pool.withTransaction { connection in
            guard let id = try await connection.query("""
                INSERT INTO clinics (code, name) VALUES (\(code), \(trimmed)) ON CONFLICT (code) DO NOTHING RETURNING id
                """).first?.decode(Int.self, at: 0)
            else { throw AccountError(code: .duplicateName, message: "a clinic with code \"\(code)\" already exists") }
            try await actor.audit("clinic.add", entity: "clinic", id: code, after: ["name": trimmed], on: connection)
            return Clinic(id: id, code: code, name: trimmed)
        }
    }

    public func clinics() async throws -> [Clinic] {
        try await pool.query("SELECT id, code, name FROM clinics ORDER BY code").map {
            let (id, code, name) = try $0.decode((Int, String, String).self)
            return Clinic(id: id, code: code, name: name)
        }
    }

    /// Creates a user and a first API token, which is returned once and stored only as a digest.
    public func addUser(name: String, role: Role, clinicCode: String?, password: String?, actor: Actor) async throws -> (User, token: String) {
        guard name.range(of: "^[A-Za-z0-9._@-]{1,64}$", options: .regularExpression) != nil else {
            throw AccountError(code: .invalidField, message: "user name must be 1–64 letters, digits, '.', '_', '@' or '-'")
        }
        if role == .clinicStaff, clinicCode == nil {
            throw AccountError(code: .invalidField, message: "clinic staff need a clinic")
        }
        if role != .clinicStaff, clinicCode != nil {
            throw AccountError(code: .invalidField, message: "only clinic staff belong to a clinic; radiologists and admins work across clinics")
        }
        if let password, password.count < 8 || password.count > 72 {
            throw AccountError(code: .invalidField, message: "password must be 8–72 characters")
        }
        var hash: String?
        if let password { hash = await hashPassword(password) }
        let token = SecretToken.make(prefix: "ctk_")
        return try await pool.withTransaction { connection in
            var clinicID: Int?
            if let clinicCode {
                guard let id = try await connection.query("SELECT id FROM clinics WHERE code = \(clinicCode)").first?.decode(Int.self, at: 0)
                else { throw AccountError(code: .unknownClinic, message: "unknown clinic \"\(clinicCode)\"") }
                clinicID = id
            }
            guard let row = try await connection.query("""
                INSERT INTO users (name, role, clinic_id, password_hash) VALUES (\(name), \(role.rawValue), \(clinicID), \(hash))
                ON CONFLICT (name) DO NOTHING RETURNING id, created_at
                """).first
            else { throw AccountError(code: .duplicateName, message: "a user named \"\(name)\" already exists") }
            let (id, created) = try row.decode((Int, Date).self)
            try await connection.query("""
                INSERT INTO api_tokens (user_id, token_sha256) VALUES (\(id), \(SecretToken.digest(token)))
                """)
            try await actor.audit(
                "user.add", entity: "user", id: name, after: ["role": role.rawValue, "clinic": clinicCode ?? ""], on: connection)
            return (User(id: id, name: name, role: role, clinicCode: clinicCode, createdAt: created, disabled: false), token)
        }
    }

    public func users() async throws -> [User] {
        try await pool.query("""
            SELECT u.id, u.name, u.role, c.code, u.created_at, u.disabled_at IS NOT NULL
              FROM users u LEFT JOIN clinics c ON c.id = u.clinic_id ORDER BY u.name
            """).map {
            let (id, name, role, clinic, created, disabled) = try $0.decode((Int, String, String, String?, Date, Bool).self)
            return User(id: id, name: name, role: Role(rawValue: role) ?? .radiologist, clinicCode: clinic, createdAt: created, disabled: disabled)
        }
    }

    /// The user behind an API token, or nil for an unknown, revoked or disabled one.
    public func authenticate(apiToken: String) async throws -> Principal? {
        guard apiToken.hasPrefix("ctk_"), apiToken.utf8.count < 128 else { return nil }
        guard let row = try await pool.query("""
            SELECT u.id, u.name, u.role, u.clinic_id
              FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_sha256 = \(SecretToken.digest(apiToken)) AND t.revoked_at IS NULL AND u.disabled_at IS NULL
            """).first
        else { return nil }
        let (id, name, role, clinic) = try row.decode((Int, String, String, Int?).self)
        return Principal(userID: id, name: name, role: Role(rawValue: role)!, clinicID: clinic, credential: .apiToken)
    }

    /// bcrypt is deliberately slow: it runs off the cooperative thread pool so it cannot stall other requests.
    func hashPassword(_ password: String) async -> String {
        let cost = bcryptCost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    func verifyPassword(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }
}
