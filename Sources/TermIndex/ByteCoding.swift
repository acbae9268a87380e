/// LEB128 variable-length integers and fixed-width little-endian fields: the only encodings the
/// segment format uses.
public enum ByteCoding {
    @inline(__always)
    public static func appendVarInt(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    /// Reads a varint at `index` and moves past it. Malformed input (a run past the end, more than
    /// ten bytes) stops at the end rather than trapping: a damaged blob gives wrong postings, never a
    /// crash.
    @inline(__always)
    public static func readVarInt(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 || shift >= 63 { return result }
            shift += 7
        }
        return result
    }

    static func appendFixed<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always)
    static func readFixed<T: FixedWidthInteger>(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, as: T.Type) -> T {
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { target in
            for i in 0..<MemoryLayout<T>.size { target[i] = bytes[offset + i] }
        }
        return T(littleEndian: value)
    }
}
