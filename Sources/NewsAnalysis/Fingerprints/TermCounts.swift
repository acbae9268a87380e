#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Term → count for one article: open addressing over flat arrays, since a `Dictionary` per
/// article cost more than the rest of the term vector.
struct TermCounts {
    private var keys: [UInt64]
    private var values: [Float]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Float](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `amount` to `term`'s count. Hash 0 marks an empty slot, so term 0 is stored as 1.
    mutating func add(_ term: UInt64, _ amount: Float) {
        if count * 2 >= keys.count { grow() }
        let key = term == 0 ? 1 : term
        var slot = Int(truncatingIfNeeded: key) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 {
            keys[slot] = key
            count += 1
        }
        values[slot] += amount
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != 0 }
        self = TermCounts(capacity: keys.count)
        for (key, value) in old { add(key, value) }
    }

    /// Weights (1 + ln tf) · idf, so a word repeated ten times weighs 3.3× one said once, not 10×;
    /// then the heaviest `limit`, normalized.
    func vector(limit: Int, frequencies: (any DocumentFrequencies)?) -> TermVector {
        var entries = [TermVector.Entry]()
        entries.reserveCapacity(count)
        for slot in keys.indices where keys[slot] != 0 {
            var weight = 1 + logf(values[slot])
            if let frequencies { weight *= frequencies.idf(keys[slot]) }
            entries.append(TermVector.Entry(term: keys[slot], weight: weight))
        }
        return TermVector(distinct: entries, limit: limit)
    }
}
