/// Makes MinHash signatures from 64-bit shingle hashes with k cheap permutations of one hash.
///
/// Each shingle is hashed once (``FingerprintHash``); permutation i is the multiply-shift map
/// `(aᵢ·x + bᵢ) >> 32` over 64-bit words with odd random aᵢ (Dietzfelbinger's universal family),
/// which costs one multiply and one add, against datasketch's `(a·x + b) mod (2⁶¹−1)`. Because x is
/// already a mixed 64-bit hash, the high 32 bits behave as an independent permutation per i.
/// The aᵢ, bᵢ come from a SplitMix64 stream on a fixed seed, so signatures are stable across runs
/// and comparable in the archive for as long as the seed and k stay the same.
public struct MinHasher: Sendable {
    public let count: Int
    public let seed: UInt64
    private let multipliers: [UInt64]
    private let addends: [UInt64]

    public static let defaultSeed: UInt64 = 0x4D61_7273_6164_4650  // "MarsadFP"

    public init(count: Int = 128, seed: UInt64 = defaultSeed) {
        precondition(count > 0, "a signature needs at least one hash")
        self.count = count
        self.seed = seed
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return FingerprintHash.mix(state)
        }
        var a = [UInt64](), b = [UInt64]()
        for _ in 0..<count {
            a.append(next() | 1)
            b.append(next())
        }
        multipliers = a
        addends = b
    }

    /// The signature of a set of shingle hashes (repeats do not change it).
    public func signature(of shingles: UnsafeBufferPointer<UInt64>) -> MinHashSignature {
        var mins = [UInt32](repeating: MinHashSignature.empty, count: count)
        mins.withUnsafeMutableBufferPointer { mins in
            multipliers.withUnsafeBufferPointer { a in
                addends.withUnsafeBufferPointer { b in
                    // Shingles outside, permutations inside: the inner loop is branch-free over
                    // contiguous arrays, which the compiler unrolls and vectorizes.
                    for x in shingles {
                        for i in 0..<mins.count {
                            let v = UInt32(truncatingIfNeeded: (a[i] &* x &+ b[i]) >> 32)
                            mins[i] = min(mins[i], v)
                        }
                    }
                }
            }
        }
        return MinHashSignature(values: mins)
    }

    public func signature(of shingles: [UInt64]) -> MinHashSignature {
        shingles.withUnsafeBufferPointer { signature(of: $0) }
    }
}
