/// The body of a password login.
public struct LoginRequest: Decodable, Sendable {
    public var name: String
    public var password: String
}
