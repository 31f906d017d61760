/// Reads fixed-offset fields from a raw header in a given byte order.
struct HeaderBytes {
    let bytes: [UInt8]
    let bigEndian: Bool

    private func integer<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size {
            let byte = T(truncatingIfNeeded: bytes[offset + (bigEndian ? index : MemoryLayout<T>.size - 1 - index)])
            value = (value << 8) | byte
        }
        return value
    }

    func int16(_ offset: Int) -> Int { Int(integer(offset, as: Int16.self)) }
    func int32(_ offset: Int) -> Int { Int(integer(offset, as: Int32.self)) }
    func int64(_ offset: Int) -> Int64 { integer(offset, as: Int64.self) }
    func float32(_ offset: Int) -> Double { Double(Float(bitPattern: integer(offset, as: UInt32.self))) }
    func float64(_ offset: Int) -> Double { Double(bitPattern: integer(offset, as: UInt64.self)) }
    func byte(_ offset: Int) -> Int { Int(bytes[offset]) }

    /// Which NIfTI version and byte order a leading `sizeof_hdr` announces, if any.
    static func layout(sizeofHdr first4: [UInt8]) -> (NIfTIHeader.Version, bigEndian: Bool)? {
        let little = HeaderBytes(bytes: first4, bigEndian: false).int32(0)
        let big = HeaderBytes(bytes: first4, bigEndian: true).int32(0)
        switch (little, big) {
        case (348, _): return (.nifti1, false)
        case (540, _): return (.nifti2, false)
        case (_, 348): return (.nifti1, true)
        case (_, 540): return (.nifti2, true)
        default: return nil
        }
    }
}
