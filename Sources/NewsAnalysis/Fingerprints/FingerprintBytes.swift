/// Little-endian encoding for the fingerprint blobs the archive stores.
///
/// Explicit byte order rather than memory dumps, so a blob written on one machine reads on any other;
/// each blob starts with a format byte so that a later layout can be told apart from this one.
enum FingerprintBytes {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// The little-endian UInt64 at `offset` of `raw` (the caller has checked the bounds).
    @inline(__always)
    static func uint64(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    static func uint32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// `decode` over the bytes of `bytes`: in place when they are contiguous, else copied so. The
    /// readers go a word at a time (the story lookups decode a hundred stored fingerprints an article).
    static func withRaw<T>(_ bytes: some Collection<UInt8>, _ decode: (UnsafeRawBufferPointer) -> T) -> T {
        if let decoded = bytes.withContiguousStorageIfAvailable({ decode(UnsafeRawBufferPointer($0)) }) { return decoded }
        return Array(bytes).withUnsafeBytes(decode)
    }
}
