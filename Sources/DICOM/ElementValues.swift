/// Decodes the kept elements a `DataSetParser` found into a validated `DICOMInstance`.
struct ElementValues {
    let parser: DataSetParser

    /// Longest text value accepted for a kept element; real values are at most 64 characters.
    private static let maxTextLength = 1024

    func instance(limits: DICOMLimits) throws -> DICOMInstance {
        let modality = try requiredText(.modality)
        guard modality == "CT" else {
            throw DICOMError(.unsupportedModality, "\(DICOMTag.modality) is \"\(modality)\"; only CT is accepted")
        }
        if let frames = try integer(.numberOfFrames), frames != 1 {
            throw DICOMError(.unsupportedPixelFormat, "\(DICOMTag.numberOfFrames) is \(frames); only single-frame images are read")
        }
        if let samples = try unsignedShort(.samplesPerPixel), samples != 1 {
            throw DICOMError(.unsupportedPixelFormat, "\(DICOMTag.samplesPerPixel) is \(samples); only grey-scale (1) is read")
        }
        let rows = try requiredUnsignedShort(.rows), columns = try requiredUnsignedShort(.columns)
        for (tag, value) in [(DICOMTag.rows, rows), (.columns, columns)] where value < 1 || value > limits.maxDimension {
            throw DICOMError(value < 1 ? .invalidValue : .limitExceeded, "\(tag) is \(value); must be 1…\(limits.maxDimension)")
        }
        let bitsAllocated = try requiredUnsignedShort(.bitsAllocated)
        guard bitsAllocated == 8 || bitsAllocated == 16 else {
            throw DICOMError(.unsupportedPixelFormat, "\(DICOMTag.bitsAllocated) is \(bitsAllocated); only 8 and 16 are read")
        }
        let bitsStored = try unsignedShort(.bitsStored) ?? bitsAllocated
        guard (1...bitsAllocated).contains(bitsStored) else {
            throw DICOMError(.invalidValue, "\(DICOMTag.bitsStored) is \(bitsStored) with \(DICOMTag.bitsAllocated) \(bitsAllocated)")
        }
        let representation = try requiredUnsignedShort(.pixelRepresentation)
        guard representation <= 1 else {
            throw DICOMError(.invalidValue, "\(DICOMTag.pixelRepresentation) is \(representation); must be 0 or 1")
        }
        let orientation = try decimals(.imageOrientation, count: 6)
        let rowDirection = SIMD3(orientation[0], orientation[1], orientation[2])
        let columnDirection = SIMD3(orientation[3], orientation[4], orientation[5])
        try checkOrientation(rowDirection, columnDirection)
        let position = try decimals(.imagePosition, count: 3)
        let spacing = try decimals(.pixelSpacing, count: 2)
        guard spacing.allSatisfy({ $0 > 0 }) else {
            throw DICOMError(.invalidValue, "\(DICOMTag.pixelSpacing) is \(spacing[0])\\\(spacing[1]); both must be positive")
        }
        let slope = try decimal(.rescaleSlope) ?? 1
        guard slope != 0 else { throw DICOMError(.invalidValue, "\(DICOMTag.rescaleSlope) is 0") }
        return DICOMInstance(
            studyInstanceUID: try requiredText(.studyInstanceUID),
            seriesInstanceUID: try requiredText(.seriesInstanceUID),
            sopInstanceUID: try requiredText(.sopInstanceUID),
            modality: modality,
            patientIDHash: patientIDHash(),
            studyDate: try text(.studyDate),
            studyTime: try text(.studyTime),
            instanceNumber: try integer(.instanceNumber),
            sliceThickness: try decimal(.sliceThickness),
            imagePosition: SIMD3(position[0], position[1], position[2]),
            rowDirection: rowDirection,
            columnDirection: columnDirection,
            rowSpacing: spacing[0],
            columnSpacing: spacing[1],
            rows: rows,
            columns: columns,
            bitsAllocated: bitsAllocated,
            bitsStored: bitsStored,
            signedPixels: representation == 1,
            rescaleSlope: slope,
            rescaleIntercept: try decimal(.rescaleIntercept) ?? 0,
            transferSyntax: parser.syntax,
            rawPixels: try pixels(rows: rows, columns: columns, bitsAllocated: bitsAllocated)
        )
    }

    // MARK: Pixels

    private func pixels(rows: Int, columns: Int, bitsAllocated: Int) throws -> [UInt16] {
        guard let value = parser.values[.pixelData] else {
            throw DICOMError(.missingTag, "missing required tag \(DICOMTag.pixelData)")
        }
        let bytesPerSample = bitsAllocated / 8
        let count = rows * columns
        let needed = count * bytesPerSample
        // An odd-length value is padded to even length with one byte.
        guard value.range.count == needed || (needed % 2 == 1 && value.range.count == needed + 1) else {
            throw DICOMError(.pixelDataSizeMismatch,
                             "\(DICOMTag.pixelData) has \(value.range.count) bytes; Rows \(rows) × Columns \(columns) × \(bytesPerSample) bytes needs \(needed)")
        }
        let bytes = parser.bytes, start = value.range.lowerBound
        if bytesPerSample == 1 { return (0..<count).map { UInt16(bytes[start + $0]) } }
        let bigEndian = parser.syntax.bigEndian
        return [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count {
                let a = UInt16(bytes[start + 2 * i]), b = UInt16(bytes[start + 2 * i + 1])
                buffer[i] = bigEndian ? a << 8 | b : b << 8 | a
            }
            initialized = count
        }
    }

    // MARK: Geometry

    private func checkOrientation(_ row: SIMD3<Double>, _ column: SIMD3<Double>) throws {
        let rowLength = (row * row).sum().squareRoot(), columnLength = (column * column).sum().squareRoot()
        let dot = (row * column).sum()
        guard abs(rowLength - 1) < 1e-2, abs(columnLength - 1) < 1e-2, abs(dot) < 1e-2 else {
            throw DICOMError(.invalidValue,
                             "\(DICOMTag.imageOrientation) \([row.x, row.y, row.z, column.x, column.y, column.z]) is not two orthogonal unit vectors")
        }
    }

    // MARK: Values

    private func raw(_ tag: DICOMTag) throws -> ArraySlice<UInt8>? {
        guard let value = parser.values[tag] else { return nil }
        if tag != .pixelData, value.range.count > Self.maxTextLength {
            throw DICOMError(.invalidValue, "\(tag) is \(value.range.count) bytes long; at most \(Self.maxTextLength) accepted")
        }
        return parser.bytes[value.range]
    }

    private func text(_ tag: DICOMTag) throws -> String? {
        guard let bytes = try raw(tag) else { return nil }
        let value = DICOMReader.trimmed(String(decoding: bytes, as: UTF8.self))
        return value.isEmpty ? nil : value
    }

    private func requiredText(_ tag: DICOMTag) throws -> String {
        guard let value = try text(tag) else { throw DICOMError(.missingTag, "missing required tag \(tag)") }
        return value
    }

    private func patientIDHash() -> String? {
        guard let value = parser.values[.patientID] else { return nil }
        return DICOMReader.patientIDHash(bytes: ArraySlice(parser.bytes[value.range]))
    }

    private func decimals(_ tag: DICOMTag) throws -> [Double]? {
        guard let value = try text(tag) else { return nil }
        return try value.split(separator: "\\", omittingEmptySubsequences: false).map { part in
            let trimmed = DICOMReader.trimmed(String(part))
            guard let number = Double(trimmed), number.isFinite else {
                throw DICOMError(.invalidValue, "\(tag) value \"\(value)\" is not a decimal string")
            }
            return number
        }
    }

    private func decimals(_ tag: DICOMTag, count: Int) throws -> [Double] {
        guard let values = try decimals(tag) else { throw DICOMError(.missingTag, "missing required tag \(tag)") }
        guard values.count == count else {
            throw DICOMError(.invalidValue, "\(tag) has \(values.count) values; \(count) expected")
        }
        return values
    }

    private func decimal(_ tag: DICOMTag) throws -> Double? {
        try decimals(tag)?.first
    }

    private func integer(_ tag: DICOMTag) throws -> Int? {
        guard let value = try text(tag) else { return nil }
        let first = value.split(separator: "\\").first.map { DICOMReader.trimmed(String($0)) } ?? value
        guard let number = Int(first) else {
            throw DICOMError(.invalidValue, "\(tag) value \"\(value)\" is not an integer string")
        }
        return number
    }

    /// US values are binary, in the data set's byte order; in implicit VR the dictionary says they are US, and a
    /// gateway that lost the dictionary may have re-encoded them as UN.
    private func unsignedShort(_ tag: DICOMTag) throws -> Int? {
        guard let value = parser.values[tag] else { return nil }
        guard value.range.count >= 2, value.vr == nil || value.vr == "US" || value.vr == "UN" else {
            throw DICOMError(.invalidValue, "\(tag) has \(value.range.count) bytes with VR \(value.vr ?? "implicit"); a 2-byte US expected")
        }
        return Int(parser.u16(at: value.range.lowerBound, bigEndian: parser.syntax.bigEndian))
    }

    private func requiredUnsignedShort(_ tag: DICOMTag) throws -> Int {
        guard let value = try unsignedShort(tag) else { throw DICOMError(.missingTag, "missing required tag \(tag)") }
        return value
    }
}
