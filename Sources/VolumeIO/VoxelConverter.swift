/// Turns raw voxel bytes of any supported datatype and byte order into scaled, rounded, clamped Int16 values.
///
/// The hot loops avoid per-voxel calls and branches (integer arithmetic when the scaling is integral,
/// bounded-then-rounded doubles otherwise) so the compiler can vectorise them; collecting statistics
/// takes a plainer loop, since only `inspect` asks for it.
struct VoxelConverter {
    let datatype: NIfTIDatatype
    let swapBytes: Bool
    let scaling: NIfTIHeader.Scaling?

    init(header: NIfTIHeader) {
        datatype = header.datatype
        swapBytes = (header.byteOrder == .bigEndian) != (1.bigEndian == 1)
        scaling = header.scaling
    }

    /// True when the stored values already are the result: native-order int16 with no (or identity) scaling.
    var isIdentity: Bool {
        datatype == .int16 && !swapBytes && (scaling == nil || scaling == .init(slope: 1, intercept: 0))
    }

    private var slope: Double { scaling?.slope ?? 1 }
    private var intercept: Double { scaling?.intercept ?? 0 }

    /// Slope and intercept as integers when they are whole and small enough for exact Int64 arithmetic.
    private var integralScaling: (slope: Int64, intercept: Int64)? {
        guard slope == slope.rounded(), abs(slope) <= 65536, intercept == intercept.rounded(), abs(intercept) <= 1e12 else {
            return nil
        }
        return (Int64(slope), Int64(intercept))
    }

    /// Converts `raw` (a whole number of voxels) into `output`; returns true if any value was clamped.
    func convert(_ raw: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Int16>,
                 statistics: inout VoxelStatistics?) -> Bool {
        switch datatype {
        case .uint8: integers(raw, UInt8.self, output, &statistics)
        case .int8: integers(raw, Int8.self, output, &statistics)
        case .int16: integers(raw, Int16.self, output, &statistics)
        case .uint16: integers(raw, UInt16.self, output, &statistics)
        case .int32: integers(raw, Int32.self, output, &statistics)
        case .uint32: integers(raw, UInt32.self, output, &statistics)
        case .float32: doubles(output, &statistics) { Double(Float(bitPattern: load(raw, $0, as: UInt32.self))) }
        case .float64: doubles(output, &statistics) { Double(bitPattern: load(raw, $0, as: UInt64.self)) }
        }
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, _ index: Int, as _: T.Type) -> T {
        let value = raw.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self)
        return swapBytes ? value.byteSwapped : value
    }

    private func integers<T: FixedWidthInteger>(
        _ raw: UnsafeRawBufferPointer, _: T.Type, _ output: UnsafeMutableBufferPointer<Int16>,
        _ statistics: inout VoxelStatistics?
    ) -> Bool {
        guard statistics == nil, let (slope, intercept) = integralScaling else {
            return doubles(output, &statistics) { Double(load(raw, $0, as: T.self)) }
        }
        if T.bitWidth == 16, slope == 1, abs(intercept) <= 1 << 20 {
            return offset16(raw, T.self, output, intercept: Int32(intercept))
        }
        var clamped: UInt8 = 0
        for index in 0..<output.count {
            let scaled = Int64(load(raw, index, as: T.self)) &* slope &+ intercept
            let bounded = Swift.min(Swift.max(scaled, -32768), 32767)
            clamped |= bounded == scaled ? 0 : 1
            output[index] = Int16(truncatingIfNeeded: bounded)
        }
        return clamped != 0
    }

    /// The common CT case, 16-bit storage with only an intercept (e.g. −1024): eight voxels at a time in
    /// 32-bit lanes, no multiply, then the remainder one by one.
    private func offset16<T: FixedWidthInteger>(
        _ raw: UnsafeRawBufferPointer, _: T.Type, _ output: UnsafeMutableBufferPointer<Int16>, intercept: Int32
    ) -> Bool {
        guard let base = raw.baseAddress, let target = output.baseAddress else { return false }
        let signed = T.isSigned
        let swap = swapBytes
        let offset = SIMD8<Int32>(repeating: intercept)
        let low = SIMD8<Int32>(repeating: -32768), high = SIMD8<Int32>(repeating: 32767)
        var changed = SIMD8<Int32>(repeating: 0)
        let vectorCount = output.count / 8 * 8
        for index in stride(from: 0, to: vectorCount, by: 8) {
            var bits = base.loadUnaligned(fromByteOffset: index * 2, as: SIMD8<UInt16>.self)
            if swap { bits = (bits &<< 8) | (bits &>> 8) }
            let wide = signed
                ? SIMD8<Int32>(truncatingIfNeeded: SIMD8<Int16>(truncatingIfNeeded: bits))
                : SIMD8<Int32>(truncatingIfNeeded: bits)
            let scaled = wide &+ offset
            let bounded = scaled.clamped(lowerBound: low, upperBound: high)
            changed |= scaled ^ bounded
            UnsafeMutableRawPointer(target).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: bounded), toByteOffset: index * 2, as: SIMD8<Int16>.self)
        }
        var clamped: UInt8 = changed == .zero ? 0 : 1
        for index in vectorCount..<output.count {
            let scaled = Int32(truncatingIfNeeded: load(raw, index, as: T.self)) &+ intercept
            let bounded = Swift.min(Swift.max(scaled, -32768), 32767)
            clamped |= bounded == scaled ? 0 : 1
            target[index] = Int16(truncatingIfNeeded: bounded)
        }
        return clamped != 0
    }

    @inline(__always)
    private func doubles(
        _ output: UnsafeMutableBufferPointer<Int16>, _ statistics: inout VoxelStatistics?, value: (Int) -> Double
    ) -> Bool {
        let (slope, intercept) = (self.slope, self.intercept)
        var clamped: UInt8 = 0
        if statistics != nil {
            for index in 0..<output.count {
                let scaled = value(index) * slope + intercept
                statistics?.add(scaled)
                output[index] = Self.roundAndClamp(scaled, &clamped)
            }
        } else {
            for index in 0..<output.count {
                output[index] = Self.roundAndClamp(value(index) * slope + intercept, &clamped)
            }
        }
        return clamped != 0
    }

    /// Rounds half to even (numpy's `rint`) and clamps to Int16; NaN becomes 0. Sets `clamped` to 1 when
    /// the value did not fit (or was NaN).
    @inline(__always)
    static func roundAndClamp(_ value: Double, _ clamped: inout UInt8) -> Int16 {
        let isNaN = value != value
        // Bounding first keeps the rounding trick below exact and the Int32 conversion in range.
        let bounded = isNaN ? 0 : Swift.min(Swift.max(value, -40000), 40000)
        // Adding 1.5 × 2⁵² rounds half to even (the FPU's mode) and leaves the integer, two's complement, in
        // the low 32 bits of the sum: no trapping Double → Int conversion, so the loop vectorises.
        let magic = 6_755_399_441_055_744.0
        let rounded = Int32(truncatingIfNeeded: (bounded + magic).bitPattern)
        let result = Swift.min(Swift.max(rounded, -32768), 32767)
        clamped |= (isNaN || result != rounded) ? 1 : 0
        return Int16(truncatingIfNeeded: result)
    }
}
