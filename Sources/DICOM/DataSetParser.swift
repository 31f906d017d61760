/// Walks the elements of a DICOM data set held in memory and records where the kept top-level values are.
///
/// Every length is checked against the bytes that remain before anything is skipped, so a broken or hostile
/// file ends in a `DICOMError` naming the tag, never in a crash or an allocation sized by the file.
struct DataSetParser {
    /// Where a kept element's value lies in `bytes`, and its VR when the encoding carries one.
    struct Value {
        var range: Range<Int>
        var vr: String?
    }

    let bytes: [UInt8]
    let syntax: TransferSyntax
    let limits: DICOMLimits
    private(set) var values: [DICOMTag: Value] = [:]

    init(bytes: [UInt8], syntax: TransferSyntax, limits: DICOMLimits) {
        self.bytes = bytes
        self.syntax = syntax
        self.limits = limits
    }

    private struct Encoding {
        var explicitVR: Bool
        var bigEndian: Bool
    }

    private struct Header {
        var tag: DICOMTag
        var vr: String?
        var length: UInt32
        var valueStart: Int

        var undefinedLength: Bool { length == 0xFFFF_FFFF }
    }

    /// Value representations whose explicit-VR header has two reserved bytes and a 32-bit length.
    private static let longVRs: Set<String> = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]

    /// Parses the top-level data set in `start..<bytes.count`.
    mutating func parse(from start: Int) throws {
        let encoding = Encoding(explicitVR: syntax.explicitVR, bigEndian: syntax.bigEndian)
        var offset = start
        while offset < bytes.count {
            let header = try readHeader(at: offset, end: bytes.count, encoding)
            if header.tag.group == 0xFFFE {
                throw DICOMError(.malformedSequence, "\(header.tag) at byte \(offset) outside any sequence")
            }
            if header.undefinedLength {
                try checkUndefinedLengthAllowed(header, encoding, at: offset)
                offset = try skipSequence(from: header.valueStart, end: bytes.count, encoding: itemEncoding(header, encoding), depth: 1)
                continue
            }
            let end = try valueEnd(header, limit: bytes.count, at: offset)
            if DICOMTag.kept.contains(header.tag) {
                values[header.tag] = Value(range: header.valueStart..<end, vr: header.vr)
            }
            offset = end
        }
    }

    /// Reads the file meta group (always explicit VR little endian) from `start`; returns where it ends
    /// and the Transfer Syntax UID's value range.
    static func parseFileMeta(_ bytes: [UInt8], from start: Int) throws -> (end: Int, transferSyntax: Range<Int>?) {
        let parser = DataSetParser(bytes: bytes, syntax: .explicitVRLittleEndian, limits: DICOMLimits())
        let encoding = Encoding(explicitVR: true, bigEndian: false)
        var offset = start
        var syntax: Range<Int>?
        while offset + 2 <= bytes.count, parser.u16(at: offset, bigEndian: false) == 0x0002 {
            let header = try parser.readHeader(at: offset, end: bytes.count, encoding)
            if header.undefinedLength {
                throw DICOMError(.undefinedLengthNotAllowed, "\(header.tag) at byte \(offset) in the file meta group has undefined length")
            }
            let end = try parser.valueEnd(header, limit: bytes.count, at: offset)
            if header.tag == .transferSyntaxUID { syntax = header.valueStart..<end }
            offset = end
        }
        return (offset, syntax)
    }

    // MARK: Elements

    private func readHeader(at offset: Int, end: Int, _ encoding: Encoding) throws -> Header {
        guard end - offset >= 8 else {
            throw DICOMError(.truncatedElement, "the data ends inside an element header at byte \(offset) (\(end - offset) bytes left, 8 needed)")
        }
        let tag = DICOMTag(u16(at: offset, bigEndian: encoding.bigEndian), u16(at: offset + 2, bigEndian: encoding.bigEndian))
        // Items and delimiters carry no VR, even in explicit VR syntaxes.
        guard encoding.explicitVR, tag.group != 0xFFFE else {
            return Header(tag: tag, vr: nil, length: u32(at: offset + 4, bigEndian: encoding.bigEndian), valueStart: offset + 8)
        }
        let vr = String(decoding: bytes[(offset + 4)..<(offset + 6)], as: UTF8.self)
        guard vr.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw DICOMError(.invalidValue, "\(tag) at byte \(offset) has VR bytes 0x\(hex(bytes[offset + 4]))\(hex(bytes[offset + 5])), not two capital letters")
        }
        if Self.longVRs.contains(vr) {
            guard end - offset >= 12 else {
                throw DICOMError(.truncatedElement, "the data ends inside the header of \(tag) (VR \(vr)) at byte \(offset)")
            }
            return Header(tag: tag, vr: vr, length: u32(at: offset + 8, bigEndian: encoding.bigEndian), valueStart: offset + 12)
        }
        return Header(tag: tag, vr: vr, length: UInt32(u16(at: offset + 6, bigEndian: encoding.bigEndian)), valueStart: offset + 8)
    }

    private func valueEnd(_ header: Header, limit: Int, at offset: Int) throws -> Int {
        let available = limit - header.valueStart
        guard Int(header.length) <= available else {
            throw DICOMError(.lengthPastEnd, "\(header.tag) at byte \(offset) has length \(header.length), but only \(available) bytes remain")
        }
        return header.valueStart + Int(header.length)
    }

    /// Undefined length marks a sequence (SQ, or UN holding one) or encapsulated pixel data; the latter only
    /// occurs in the compressed syntaxes refused earlier, and the kept elements are never sequences.
    private func checkUndefinedLengthAllowed(_ header: Header, _ encoding: Encoding, at offset: Int) throws {
        let allowed: Bool
        if let vr = header.vr {
            allowed = vr == "SQ" || (vr == "UN" && header.tag != .pixelData)
        } else {
            allowed = !DICOMTag.kept.contains(header.tag)
        }
        guard allowed else {
            throw DICOMError(.undefinedLengthNotAllowed,
                             "\(header.tag) at byte \(offset)\(header.vr.map { " (VR \($0))" } ?? "") has undefined length, which only sequences may have in \(syntax)")
        }
    }

    /// A UN element of undefined length holds a sequence encoded in implicit VR little endian (PS3.5 6.2.2).
    private func itemEncoding(_ header: Header, _ encoding: Encoding) -> Encoding {
        header.vr == "UN" ? Encoding(explicitVR: false, bigEndian: false) : encoding
    }

    // MARK: Sequences

    /// Skips the items of an undefined-length sequence starting at `start`; returns the offset after its
    /// Sequence Delimitation Item.
    private func skipSequence(from start: Int, end: Int, encoding: Encoding, depth: Int) throws -> Int {
        guard depth <= limits.maxSequenceDepth else {
            throw DICOMError(.limitExceeded, "sequences nested deeper than \(limits.maxSequenceDepth) levels at byte \(start)")
        }
        var offset = start
        while true {
            let header = try readItemHeader(at: offset, end: end, encoding)
            switch header.tag {
            case .sequenceDelimitation:
                return header.valueStart
            case .item where header.undefinedLength:
                offset = try skipItem(from: header.valueStart, end: end, encoding: encoding, depth: depth)
            case .item:
                offset = try valueEnd(header, limit: end, at: offset)
            default:
                throw DICOMError(.malformedSequence, "\(header.tag) at byte \(offset) where a sequence item or delimiter must be")
            }
        }
    }

    /// Walks the elements of an undefined-length item to its Item Delimitation Item; returns the offset after it.
    private func skipItem(from start: Int, end: Int, encoding: Encoding, depth: Int) throws -> Int {
        var offset = start
        while true {
            if end - offset >= 4, u16(at: offset, bigEndian: encoding.bigEndian) == 0xFFFE {
                let header = try readItemHeader(at: offset, end: end, encoding)
                guard header.tag == .itemDelimitation else {
                    throw DICOMError(.malformedSequence, "\(header.tag) at byte \(offset) inside an item")
                }
                return header.valueStart
            }
            let header = try readHeader(at: offset, end: end, encoding)
            if header.undefinedLength {
                try checkUndefinedLengthAllowed(header, encoding, at: offset)
                offset = try skipSequence(from: header.valueStart, end: end, encoding: itemEncoding(header, encoding), depth: depth + 1)
            } else {
                offset = try valueEnd(header, limit: end, at: offset)
            }
        }
    }

    private func readItemHeader(at offset: Int, end: Int, _ encoding: Encoding) throws -> Header {
        guard end - offset >= 8 else {
            throw DICOMError(.truncatedElement, "the data ends inside a sequence at byte \(offset), before its delimiter")
        }
        let tag = DICOMTag(u16(at: offset, bigEndian: encoding.bigEndian), u16(at: offset + 2, bigEndian: encoding.bigEndian))
        return Header(tag: tag, vr: nil, length: u32(at: offset + 4, bigEndian: encoding.bigEndian), valueStart: offset + 8)
    }

    // MARK: Bytes

    func u16(at offset: Int, bigEndian: Bool) -> UInt16 {
        let a = UInt16(bytes[offset]), b = UInt16(bytes[offset + 1])
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func u32(at offset: Int, bigEndian: Bool) -> UInt32 {
        let high = UInt32(u16(at: offset + (bigEndian ? 0 : 2), bigEndian: bigEndian))
        let low = UInt32(u16(at: offset + (bigEndian ? 2 : 0), bigEndian: bigEndian))
        return high << 16 | low
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
