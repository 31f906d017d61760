/// The four native transfer syntaxes the reader decodes; every other one is refused by name.
public struct TransferSyntax: Sendable, Equatable, CustomStringConvertible {
    public var uid: String
    public var explicitVR: Bool
    public var bigEndian: Bool
    public var deflated: Bool

    public static let implicitVRLittleEndian = TransferSyntax(uid: "1.2.840.10008.1.2", explicitVR: false, bigEndian: false, deflated: false)
    public static let explicitVRLittleEndian = TransferSyntax(uid: "1.2.840.10008.1.2.1", explicitVR: true, bigEndian: false, deflated: false)
    public static let deflatedExplicitVRLittleEndian = TransferSyntax(uid: "1.2.840.10008.1.2.1.99", explicitVR: true, bigEndian: false, deflated: true)
    public static let explicitVRBigEndian = TransferSyntax(uid: "1.2.840.10008.1.2.2", explicitVR: true, bigEndian: true, deflated: false)

    public static let supported = [implicitVRLittleEndian, explicitVRLittleEndian, deflatedExplicitVRLittleEndian, explicitVRBigEndian]

    public var description: String { "\(uid) (\(Self.name(of: uid)))" }

    /// The supported syntax with this UID, or an error naming the UID and, when known, what it is.
    public static func named(_ uid: String) throws -> TransferSyntax {
        if let syntax = supported.first(where: { $0.uid == uid }) { return syntax }
        throw DICOMError(.unsupportedTransferSyntax,
                         "transfer syntax \(uid) (\(name(of: uid))) is not supported: only native (uncompressed) pixel data is read")
    }

    static func name(of uid: String) -> String {
        if let known = names[uid] { return known }
        if uid.hasPrefix("1.2.840.10008.1.2.4.") { return "JPEG family" }
        return "unknown"
    }

    private static let names: [String: String] = [
        "1.2.840.10008.1.2": "Implicit VR Little Endian",
        "1.2.840.10008.1.2.1": "Explicit VR Little Endian",
        "1.2.840.10008.1.2.1.99": "Deflated Explicit VR Little Endian",
        "1.2.840.10008.1.2.2": "Explicit VR Big Endian",
        "1.2.840.10008.1.2.4.50": "JPEG Baseline (Process 1)",
        "1.2.840.10008.1.2.4.51": "JPEG Extended (Process 2 & 4)",
        "1.2.840.10008.1.2.4.57": "JPEG Lossless, Non-Hierarchical (Process 14)",
        "1.2.840.10008.1.2.4.70": "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)",
        "1.2.840.10008.1.2.4.80": "JPEG-LS Lossless",
        "1.2.840.10008.1.2.4.81": "JPEG-LS Lossy (Near-Lossless)",
        "1.2.840.10008.1.2.4.90": "JPEG 2000 (Lossless Only)",
        "1.2.840.10008.1.2.4.91": "JPEG 2000",
        "1.2.840.10008.1.2.4.201": "High-Throughput JPEG 2000 (Lossless Only)",
        "1.2.840.10008.1.2.4.203": "High-Throughput JPEG 2000",
        "1.2.840.10008.1.2.5": "RLE Lossless",
        "1.2.840.10008.1.2.4.100": "MPEG2 Main Profile / Main Level",
        "1.2.840.10008.1.2.4.102": "MPEG-4 AVC/H.264 High Profile / Level 4.1",
    ]
}
