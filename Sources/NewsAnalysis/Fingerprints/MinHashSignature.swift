/// A MinHash signature: for each of k hash permutations, the smallest value over a document's
/// shingles. The share of positions where two signatures agree estimates the Jaccard similarity of
/// the two shingle sets (standard error √(J(1−J)/k): ±0.044 at J = 0.5 with k = 128).
///
/// 32-bit values halve the blob and cost nothing in accuracy at these k: a chance collision of two
/// different minima (2⁻³²) is far below the estimator's own error.
public struct MinHashSignature: Sendable, Hashable {
    public var values: [UInt32]

    /// The value every position holds for a document without shingles.
    public static let empty = UInt32.max

    public init(values: [UInt32]) { self.values = values }

    /// No shingles: such a signature is similar to nothing, not even to another empty one.
    public var isEmpty: Bool { values.allSatisfy { $0 == Self.empty } }

    /// Estimated Jaccard similarity of the two shingle sets; 0 when the signatures were made with
    /// different numbers of hashes or either document had no shingles.
    public func jaccard(_ other: MinHashSignature) -> Double {
        guard values.count == other.values.count, !values.isEmpty, !isEmpty, !other.isEmpty else { return 0 }
        var equal = 0
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                for i in 0..<a.count where a[i] == b[i] { equal += 1 }
            }
        }
        return Double(equal) / Double(values.count)
    }

    /// LSH band keys: the signature cut into `bands` runs of `values.count / bands` rows, each run
    /// hashed with its band number. Two documents share a key when one whole band agrees, which for
    /// Jaccard J happens with probability 1 − (1 − Jʳ)ᵇ (see ``LSHBanding``). Keys of different bands
    /// never meet by construction, so one table (or one database column) can hold them all.
    /// A document without shingles has no keys.
    public func bandKeys(bands: Int) -> [UInt64] {
        guard bands > 0, values.count >= bands, !isEmpty else { return [] }
        let rows = values.count / bands
        var keys = [UInt64]()
        keys.reserveCapacity(bands)
        values.withUnsafeBufferPointer { v in
            for band in 0..<bands {
                var key = FingerprintHash.mix(UInt64(band) &+ 0xB4D5)
                for row in 0..<rows { key = FingerprintHash.combine(key, UInt64(v[band * rows + row])) }
                keys.append(key)
            }
        }
        return keys
    }

    static let format: UInt8 = 1

    /// A blob for storage: a format byte, then the values as little-endian UInt32.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(1 + 4 * values.count)
        out.append(Self.format)
        for value in values { FingerprintBytes.append(value, to: &out) }
        return out
    }

    /// Reads ``bytes``; nil for a blob of another format or a truncated one.
    public init?(bytes: some Collection<UInt8>) {
        guard let decoded = FingerprintBytes.withRaw(bytes, Self.init(raw:)) else { return nil }
        self = decoded
    }
}

extension MinHashSignature {
    /// ``init(bytes:)`` over raw bytes, a word at a time.
    init?(raw: UnsafeRawBufferPointer) {
        guard raw.count >= 1, raw[0] == Self.format, (raw.count - 1) % 4 == 0 else { return nil }
        let count = (raw.count - 1) / 4
        values = [UInt32](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { out[i] = FingerprintBytes.uint32(raw, 1 + 4 * i) }
            initialized = count
        }
    }
}
