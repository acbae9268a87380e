import StableHash

/// The 64-bit hashes fingerprints are built from: FNV-1a (``StableHash/FNV1a64``), mixed.
///
/// Hashing normalized UTF-8 bytes instead of `String`s matters: `String` hashing on Arabic goes
/// through Unicode normalization and costs more than the whole analysis. Both functions are stable
/// across runs and platforms (unlike `Hasher`), because their values are stored in the archive.
public enum FingerprintHash {
    /// A term's hash: FNV-1a then `mix`, because FNV's low bits are weak for short inputs, and
    /// MinHash permutations and band keys need every bit to vary.
    @inline(__always)
    public static func term(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        mix(FNV1a64.hash(bytes))
    }

    /// A term's hash from a `String` (tests, entity names); the same value `term(_:)` gives its bytes.
    public static func term(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { term($0) }
    }

    /// The SplitMix64 finalizer: a bijection on 64 bits with full avalanche, five operations.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Order-dependent combination (shingles, band keys): `combine(a, b) != combine(b, a)`.
    @inline(__always)
    public static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        mix((seed &* 0x9E37_79B9_7F4A_7C15) ^ value)
    }
}
