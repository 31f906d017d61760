import Foundation
import RequestBodies

/// libFuzzer entry point: any byte string must decode or throw `RequestBodyError`/`DecodingError`, never
/// crash. The first byte picks the body kind (see `AnyRequestBody`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequests(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    do {
        try AnyRequestBody.decode(Array(UnsafeBufferPointer(start: data, count: count)))
    } catch is RequestBodyError {
        // Expected for malformed input.
    } catch is DecodingError {
        // Expected for malformed JSON.
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

/// See FuzzNIfTI: SwiftPM hides libFuzzer's `main`, so the module's entry point hands over to its driver.
@_cdecl("FuzzRequests_main")
public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzRequests)
}
