/// Why a DICOM instance could not be read or a series assembled; `message` names the tag and the value.
public struct DICOMError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notPart10, truncatedElement, lengthPastEnd, undefinedLengthNotAllowed, malformedSequence
            case missingTag, invalidValue, unsupportedTransferSyntax, unsupportedModality, unsupportedPixelFormat
            case pixelDataSizeMismatch, limitExceeded, corruptDeflate
            case emptySeries, multipleSeries, inconsistentSeries, duplicatePosition
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No 128-byte preamble followed by "DICM", or no transfer syntax in the file meta group.
        public static let notPart10 = Code(.notPart10)
        /// The input ends inside an element's tag, VR or length.
        public static let truncatedElement = Code(.truncatedElement)
        /// An element's length runs past the end of the input (or of its enclosing item).
        public static let lengthPastEnd = Code(.lengthPastEnd)
        /// Undefined length (0xFFFFFFFF) on an element that must have a defined length.
        public static let undefinedLengthNotAllowed = Code(.undefinedLengthNotAllowed)
        /// A sequence whose items or delimiters are not where they must be, or nested beyond the depth limit.
        public static let malformedSequence = Code(.malformedSequence)
        public static let missingTag = Code(.missingTag)
        /// A value that cannot be parsed, or is out of range (e.g. a zero pixel spacing, a non-unit orientation).
        public static let invalidValue = Code(.invalidValue)
        /// Compressed or unknown transfer syntax; the message names its UID and name.
        public static let unsupportedTransferSyntax = Code(.unsupportedTransferSyntax)
        public static let unsupportedModality = Code(.unsupportedModality)
        /// Bits Allocated other than 8 or 16, more than one sample per pixel, or more than one frame.
        public static let unsupportedPixelFormat = Code(.unsupportedPixelFormat)
        public static let pixelDataSizeMismatch = Code(.pixelDataSizeMismatch)
        /// Rows, Columns, an inflated data set or a series above the configured limits.
        public static let limitExceeded = Code(.limitExceeded)
        public static let corruptDeflate = Code(.corruptDeflate)
        public static let emptySeries = Code(.emptySeries)
        /// Instances from more than one Series Instance UID given to one assembly.
        public static let multipleSeries = Code(.multipleSeries)
        /// Instances of one series that disagree on rows, columns, spacing or orientation.
        public static let inconsistentSeries = Code(.inconsistentSeries)
        /// Two different instances at the same position along the slice normal.
        public static let duplicatePosition = Code(.duplicatePosition)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
