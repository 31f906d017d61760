/// The body of adding a clinic.
public struct NewClinicRequest: Decodable, Sendable {
    public var code: String
    public var name: String
}
