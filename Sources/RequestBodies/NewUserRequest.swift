/// The body of adding a user.
public struct NewUserRequest: Decodable, Sendable {
    public var name: String
    public var role: String
    public var clinic: String?
    public var password: String?
}
