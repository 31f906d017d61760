import DICOM

/// Why one instance of a STOW-RS request (or an inbox file) was not stored: a FailureReason (0008,1197) code
/// of PS3.18 / PS3.4 and a message for people.
public struct DICOMFailureReason: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: UInt16
    public var message: String
    /// The database failed, not the instance: the same bytes may well be stored if sent again.
    public var isTransient: Bool

    public init(code: UInt16, message: String, isTransient: Bool = false) {
        self.code = code
        self.message = message
        self.isTransient = isTransient
    }

    /// 0x0110 Processing failure: the instance is readable but cannot be taken now (e.g. its series was
    /// already assembled into a study, or the database failed).
    public static let processingFailure: UInt16 = 0x0110
    /// 0x0122 Referenced SOP Class not supported: not a CT image.
    public static let sopClassNotSupported: UInt16 = 0x0122
    /// 0xA700 Refused: out of resources (a size limit).
    public static let outOfResources: UInt16 = 0xA700
    /// 0xA900 Data set does not match SOP Class, or (with a study in the URL) belongs to another study.
    public static let dataSetMismatch: UInt16 = 0xA900
    /// 0xC000 Cannot understand: not a readable DICOM Part 10 CT instance.
    public static let cannotUnderstand: UInt16 = 0xC000
    /// 0xC122 Referenced Transfer Syntax not supported (compressed pixel data).
    public static let transferSyntaxNotSupported: UInt16 = 0xC122

    /// The reason for an instance the reader refused.
    public init(_ error: DICOMError) {
        let code: UInt16 =
            switch error.code {
            case .unsupportedTransferSyntax: Self.transferSyntaxNotSupported
            case .unsupportedModality: Self.sopClassNotSupported
            case .unsupportedPixelFormat: Self.dataSetMismatch
            case .limitExceeded: Self.outOfResources
            default: Self.cannotUnderstand
            }
        self.init(code: code, message: "\(error.code): \(error.message)")
    }

    public var description: String { "0x\(String(code, radix: 16, uppercase: true)) \(message)" }
}
