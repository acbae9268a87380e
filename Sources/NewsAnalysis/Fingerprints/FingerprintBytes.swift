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
