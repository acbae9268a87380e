/// Strict UTF-8 decoding of one scalar, following the Unicode "maximal subpart" practice.
enum UTF8Decoding {
    /// Decodes the scalar at `i`. Returns `(scalar, length)` with `length > 0` when valid, or
    /// `(0, -k)` when the `k` bytes at `i` are an ill-formed subpart to replace with one U+FFFD.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, at i: Int, count n: Int) -> (UInt32, Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        @inline(__always) func cont(_ j: Int) -> UInt8? {
            guard j < n else { return nil }
            let b = p[j]
            return b & 0xC0 == 0x80 ? b : nil
        }
        switch b0 {
        case 0xC2...0xDF:
            guard let b1 = cont(i + 1) else { return (0, -1) }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F), 2)
        case 0xE0...0xEF:
            guard let b1 = cont(i + 1) else { return (0, -1) }
            // Overlongs (E0 80–9F) and surrogates (ED A0–BF) are ill-formed from the second byte.
            if (b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) { return (0, -1) }
            guard let b2 = cont(i + 2) else { return (0, -2) }
            return (UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F), 3)
        case 0xF0...0xF4:
            guard let b1 = cont(i + 1) else { return (0, -1) }
            if (b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F) { return (0, -1) }
            guard let b2 = cont(i + 2) else { return (0, -2) }
            guard let b3 = cont(i + 3) else { return (0, -3) }
            return (UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F), 4)
        default:
            return (0, -1)
        }
    }
}
