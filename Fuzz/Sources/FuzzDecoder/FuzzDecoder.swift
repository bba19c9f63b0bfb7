import HeapscopeProfile

/// libFuzzer's entry point: decode the input with a small cap. Any error is
/// fine; a trap, a leak or a memory error is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ProfileDecoder.decode(bytes, options: DecodeOptions(maxDecompressedBytes: 1 << 22))
    return 0
}
