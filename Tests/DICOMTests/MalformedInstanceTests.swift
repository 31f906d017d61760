import Testing
@testable import DICOM

@Suite("Malformed DICOM instances are refused with a reason")
struct MalformedInstanceTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var code: DICOMError.Code
        /// Text the message must contain: the tag and the offending value.
        var mentions: [String]

        var description: String { file }
    }

    static let cases = [
        Case(file: "truncated_element.dcm", code: .truncatedElement, mentions: ["element header"]),
        Case(file: "length_past_end.dcm", code: .lengthPastEnd, mentions: ["(7FE0,0010) Pixel Data", "length"]),
        Case(file: "undefined_length.dcm", code: .undefinedLengthNotAllowed, mentions: ["(0028,0010) Rows", "undefined length"]),
        Case(file: "pixel_size_mismatch.dcm", code: .pixelDataSizeMismatch, mentions: ["(7FE0,0010) Pixel Data", "352", "384"]),
        Case(file: "not_dicom.dcm", code: .notPart10, mentions: ["DICM"]),
        Case(file: "non_ct.dcm", code: .unsupportedModality, mentions: ["(0008,0060) Modality", "\"MR\""]),
        Case(file: "missing_position.dcm", code: .missingTag, mentions: ["(0020,0032) Image Position (Patient)"]),
        Case(file: "jpeg_baseline.dcm", code: .unsupportedTransferSyntax, mentions: ["1.2.840.10008.1.2.4.50", "JPEG Baseline"]),
    ]

    @Test("each malformed file yields its specific error", arguments: cases)
    func malformed(_ testCase: Case) throws {
        let bytes = try DICOMFixtures.bytes("malformed/" + testCase.file)
        let error = #expect(throws: DICOMError.self) { try DICOMReader().read(bytes) }
        #expect(error?.code == testCase.code, "\(error?.description ?? "no error")")
        for text in testCase.mentions {
            #expect(error?.message.contains(text) == true, "\(error?.message ?? "") should mention \(text)")
        }
    }

    @Test("every truncation of a valid file, in every transfer syntax, is an error, never a crash")
    func everyTruncation() throws {
        for name in ["implicit_le", "explicit_le", "explicit_be", "deflated"] {
            let bytes = try DICOMFixtures.seriesFiles(name)[0]
            let whole = try DICOMReader().read(bytes)
            for length in 0..<bytes.count {
                do {
                    let instance = try DICOMReader().read(Array(bytes[..<length]))
                    // The deflate stream may be followed by one padding byte (even length), which is not data.
                    #expect(name == "deflated" && length == bytes.count - 1 && instance == whole, "\(name) cut at \(length) was read")
                } catch is DICOMError {}
            }
        }
    }

    @Test("random byte corruption yields an instance or a DICOMError, never a crash")
    func corruption() throws {
        var generator = SplitMix64(seed: 9)
        for name in ["implicit_le", "explicit_le", "explicit_be", "deflated"] {
            let original = try DICOMFixtures.seriesFiles(name)[0]
            for _ in 0..<400 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 132..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                do { _ = try DICOMReader().read(bytes) } catch is DICOMError {}
            }
        }
    }

    @Test("limits: rows above the maximum and a deflated data set past the inflate cap")
    func limits() throws {
        let small = DICOMLimits(maxDimension: 8)
        let error = #expect(throws: DICOMError.self) { try DICOMReader(limits: small).read(DICOMFixtures.seriesFiles("explicit_le")[0]) }
        #expect(error?.code == .limitExceeded && error?.message.contains("(0028,0010) Rows is 12") == true)
        let tiny = DICOMLimits(maxInflatedBytes: 256)
        let inflateError = #expect(throws: DICOMError.self) { try DICOMReader(limits: tiny).read(DICOMFixtures.seriesFiles("deflated")[0]) }
        #expect(inflateError?.code == .limitExceeded)
    }

    @Test("compressed transfer syntaxes are named in the error")
    func compressedNames() {
        for (uid, name) in [("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"), ("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)"),
                            ("1.2.840.10008.1.2.5", "RLE Lossless"), ("1.2.840.10008.1.2.4.70", "JPEG Lossless")] {
            let error = #expect(throws: DICOMError.self) { try TransferSyntax.named(uid) }
            #expect(error?.code == .unsupportedTransferSyntax)
            #expect(error?.message.contains(uid) == true && error?.message.contains(name) == true)
        }
    }
}

/// A small deterministic generator, so a failing corruption case can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
