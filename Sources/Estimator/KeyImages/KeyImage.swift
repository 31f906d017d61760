/// An RGB picture for the radiologist's worklist, radiological convention (patient's right on the left).
public struct KeyImage: Sendable {
    public var name: String
    public var width: Int
    public var height: Int
    /// Row-major RGB, 3 bytes per pixel.
    public var rgb: [UInt8]
}
