/// The authenticated user behind a request, as the database knows them now.
public struct Principal: Sendable, Equatable {
    public enum Credential: Sendable, Equatable {
        case apiToken
        /// A browser session; cookie-authenticated writes must present the session's CSRF token.
        case session(id: Int, csrfDigest: [UInt8])
    }

    public var userID: Int
    public var name: String
    public var role: Role
    /// Set for clinic staff only.
    public var clinicID: Int?
    public var credential: Credential

    public init(userID: Int, name: String, role: Role, clinicID: Int?, credential: Credential) {
        self.userID = userID
        self.name = name
        self.role = role
        self.clinicID = clinicID
        self.credential = credential
    }

    /// Whether this user may see and change studies of `clinic`.
    public func mayAccess(clinic: Int) -> Bool {
        role != .clinicStaff || clinicID == clinic
    }
}
