import VolumeIO

/// libFuzzer entry point: any byte string must come back as a volume or a `NIfTIError`, never a crash,
/// with small limits so the sanitizer run explores parsing rather than allocating.
///
/// Inputs whose last byte is odd are first wrapped in a valid gzip member, so mutations of a plain header
/// also reach the reader through the gzip path (a mutated .nii.gz mostly stops at its CRC).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNIfTI(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let reader = NIfTIReader(limits: .init(maxDimension: 256, maxDecompressedBytes: 8 << 20))
    let raw = UnsafeRawBufferPointer(start: data, count: count)
    let wrap = count > 0 && raw[count - 1] & 1 == 1
    do {
        let input = wrap ? try DeflateEncoder(format: .gzip, level: 1).compress(raw) : Array(raw)
        let image = try input.withUnsafeBytes { try reader.read($0, collectStatistics: count % 2 == 0) }
        precondition(image.volume.voxels.count == image.header.voxelCount, "voxel count disagrees with header")
        _ = image.volume.orientation
    } catch is NIfTIError {
        // Expected for malformed input.
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links executables with `main` aliased to `<Module>_main` (so tests can import them), which hides
/// libFuzzer's own `main`; this entry point hands control to libFuzzer's driver instead.
@_cdecl("FuzzNIfTI_main")
public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzNIfTI)
}
