#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An article's topic in a few dozen numbers: its top-weighted terms as (term hash, weight) pairs,
/// L2-normalized, so that the cosine of two articles is a dot product over their shared terms.
///
/// Entries are kept sorted by term hash: cosine is then one linear merge with no hashing, and
/// the blob of two equal vectors is byte-identical. 40 terms × 12 bytes is under half a kilobyte.
public struct TermVector: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var term: UInt64
        public var weight: Float

        public init(term: UInt64, weight: Float) {
            self.term = term
            self.weight = weight
        }
    }

    /// Sorted by `term`, unique, with unit L2 norm (or empty).
    public private(set) var entries: [Entry]

    public init() { entries = [] }

    /// Keeps the `limit` heaviest terms (ties by hash, so the result does not depend on input order),
    /// drops non-positive weights, and normalizes. Repeated terms add up, in input order.
    ///
    /// The entries are put in term order before normalizing: the norm is a float sum, and a
    /// dictionary's order differs from process to process, so the same weights would give vectors
    /// that differ in their last bits, and a story decision at its threshold could differ between a
    /// run and its resumption.
    public init(weights: some Sequence<(term: UInt64, weight: Float)>, limit: Int = 40) {
        var sum = [UInt64: Float]()
        for (term, weight) in weights where weight > 0 { sum[term, default: 0] += weight }
        self.init(distinct: sum.map { Entry(term: $0.key, weight: $0.value) }.sorted { $0.term < $1.term }, limit: limit)
    }

    /// Entries whose terms are already distinct (the fingerprinter's path: no dictionary).
    init(distinct: [Entry], limit: Int) {
        var top = distinct.filter { $0.weight > 0 && $0.weight.isFinite }
        if top.count > limit {
            // One integer compare per step: a positive Float's bits order as the Float does, and the
            // low half breaks ties by term (smaller hash first), so input order does not matter.
            var keyed = top.map { (key: UInt64($0.weight.bitPattern) << 32 | UInt64(~UInt32(truncatingIfNeeded: $0.term >> 32)), entry: $0) }
            keyed.sort { $0.key > $1.key }
            top = keyed.prefix(limit).map(\.entry)
        }
        var norm: Float = 0
        for entry in top { norm += entry.weight * entry.weight }
        norm = norm.squareRoot()
        if norm > 0 {
            for i in top.indices { top[i].weight /= norm }
        }
        top.sort { $0.term < $1.term }
        entries = top
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// Cosine similarity in [0, 1] (weights are non-negative); 0 when either vector is empty.
    public func cosine(_ other: TermVector) -> Float {
        var dot: Float = 0
        entries.withUnsafeBufferPointer { a in
            other.entries.withUnsafeBufferPointer { b in
                var i = 0, j = 0
                while i < a.count && j < b.count {
                    if a[i].term == b[j].term {
                        dot += a[i].weight * b[j].weight
                        i += 1
                        j += 1
                    } else if a[i].term < b[j].term {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            }
        }
        return min(dot, 1)
    }

    static let format: UInt8 = 1

    /// A blob for storage: a format byte, then per entry the term (UInt64) and the weight's bits
    /// (UInt32), little-endian.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(1 + 12 * entries.count)
        out.append(Self.format)
        for entry in entries {
            FingerprintBytes.append(entry.term, to: &out)
            FingerprintBytes.append(entry.weight.bitPattern, to: &out)
        }
        return out
    }

    /// Reads ``bytes``; nil for another format, a truncated blob, or entries out of order.
    public init?(bytes: some Collection<UInt8>) {
        guard let decoded = FingerprintBytes.withRaw(bytes, Self.init(raw:)) else { return nil }
        self = decoded
    }
}

extension TermVector {
    /// ``init(bytes:)`` over raw bytes, an entry at a time.
    init?(raw: UnsafeRawBufferPointer) {
        guard raw.count >= 1, raw[0] == Self.format, (raw.count - 1) % 12 == 0 else { return nil }
        let count = (raw.count - 1) / 12
        var entries = [Entry]()
        entries.reserveCapacity(count)
        for i in 0..<count {
            let term = FingerprintBytes.uint64(raw, 1 + 12 * i)
            let weight = Float(bitPattern: FingerprintBytes.uint32(raw, 9 + 12 * i))
            guard weight.isFinite, entries.last.map({ $0.term < term }) ?? true else { return nil }
            entries.append(Entry(term: term, weight: weight))
        }
        self.entries = entries
    }
}
