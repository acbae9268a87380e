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

    static func uint64<C: Collection<UInt8>>(_ bytes: C, at start: C.Index) -> UInt64 {
        var value: UInt64 = 0
        var index = start
        for shift in stride(from: 0, to: 64, by: 8) {
            value |= UInt64(bytes[index]) << UInt64(shift)
            index = bytes.index(after: index)
        }
        return value
    }

    static func uint32<C: Collection<UInt8>>(_ bytes: C, at start: C.Index) -> UInt32 {
        var value: UInt32 = 0
        var index = start
        for shift in stride(from: 0, to: 32, by: 8) {
            value |= UInt32(bytes[index]) << UInt32(shift)
            index = bytes.index(after: index)
        }
        return value
    }
}
