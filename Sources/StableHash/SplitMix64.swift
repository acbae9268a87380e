/// A seedable generator: a Weyl sequence through a 64-bit mixer, in the manner of SplitMix64. Every
/// randomized step (training order, k-means seeds, MinHash permutations, seeded tests) draws from it,
/// so a run replays from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return BitMix.murmur3(state)
    }
}

/// Bit mixers: bijections on 64 bits that spread every input bit over the output, for table indices
/// and for combining hashes. Values derived with them are stored (model files, fingerprints), so they
/// must not change.
public enum BitMix {
    /// Murmur3's 64-bit finalizer.
    @inlinable @inline(__always)
    public static func murmur3(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
    }
}
