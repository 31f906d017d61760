/// The voxel datatypes CTriage reads, with their NIfTI codes and numpy names (as nibabel reports them).
public enum NIfTIDatatype: Int, Sendable, CaseIterable {
    case uint8 = 2
    case int16 = 4
    case int32 = 8
    case float32 = 16
    case float64 = 64
    case int8 = 256
    case uint16 = 512
    case uint32 = 768

    public var name: String {
        switch self {
        case .uint8: "uint8"
        case .int16: "int16"
        case .int32: "int32"
        case .float32: "float32"
        case .float64: "float64"
        case .int8: "int8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        }
    }

    public var bytesPerVoxel: Int {
        switch self {
        case .uint8, .int8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .float64: 8
        }
    }

    /// Resolves a header code, naming known-but-unsupported types in the error.
    static func resolve(code: Int) throws -> NIfTIDatatype {
        if let supported = NIfTIDatatype(rawValue: code) { return supported }
        let known: [Int: String] = [
            0: "unknown", 1: "binary", 32: "complex64", 128: "RGB24", 1024: "int64", 1280: "uint64",
            1536: "float128", 1792: "complex128", 2048: "complex256", 2304: "RGBA32",
        ]
        let name = known[code].map { "\($0) (\(code))" } ?? "unrecognised code \(code)"
        throw NIfTIError(.unsupportedDatatype, "datatype \(name) is not supported; expected one of "
            + NIfTIDatatype.allCases.map(\.name).joined(separator: ", "))
    }
}
