import CPrefetch

/// The two passes' weights under one key: each 64-byte slot holds a feature's hash, the first
/// model's Int16 row and the document model's, so that the first pass, looking up a token's own
/// features, sums both models' rows from one cache line. The document pass then looks up only its
/// document features.
///
/// Both passes look up the same own features, each a miss in a table of several MB: the second
/// pass's own-feature lookups were about half of the tagger's time. The sums are exactly those of
/// two ``PackedWeights`` lookups: a key one model lacks holds zeros there, and adding `0 × scale`
/// leaves a Float sum as it was; the document model's own features are summed first, in the same
/// order, as its pass summed them.
struct PairedWeights: Sendable {
    private let storage: PackedWeights.Storage
    let mask: Int
    /// One bit pair per stored key (a Bloom filter of about 8 bits a key, some 300 KB, which stays
    /// in cache): most features of a text are not in the model, and each of them cost a probe of
    /// the 30 MB table, prefetched or not, to find an empty slot.
    private let filter: [UInt64]
    private let filterMask: Int
    let scales: (first: Float, second: Float)
    let tagCount: Int

    static let wordsPerSlot = 8
    /// Word offsets of each model's row in a slot (three words of four Int16 each).
    static let firstRow = 1, secondRow = 4

    init?(_ first: PackedWeights, _ second: PackedWeights) {
        guard first.tagCount == second.tagCount, first.tagCount <= PackedWeights.tagsPerSlot else { return nil }
        var keys = Set<UInt64>()
        first.forEachSlot { key, _ in keys.insert(key) }
        second.forEachSlot { key, _ in keys.insert(key) }
        var size = 16
        while size < keys.count * 2 { size *= 2 }
        let storage = PackedWeights.Storage(count: size * Self.wordsPerSlot)
        let words = storage.words, W = Self.wordsPerSlot, mask = size - 1
        func slot(_ key: UInt64) -> Int {
            var s = Int(truncatingIfNeeded: NameHash.mix(key)) & mask
            while words[s * W] != 0, words[s * W] != key { s = (s + 1) & mask }
            words[s * W] = key
            return s * W
        }
        first.forEachSlot { key, row in
            let base = slot(key)
            for k in 0..<3 { words[base + Self.firstRow + k] = row[k] }
        }
        second.forEachSlot { key, row in
            let base = slot(key)
            for k in 0..<3 { words[base + Self.secondRow + k] = row[k] }
        }
        var bits = 1 << 12
        while bits < keys.count * 8 { bits <<= 1 }
        var filter = [UInt64](repeating: 0, count: bits >> 6)
        for key in keys {
            let (a, b) = Self.filterBits(NameHash.mix(key), mask: bits - 1)
            filter[a >> 6] |= 1 << UInt64(a & 63)
            filter[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.filter = filter
        self.filterMask = bits - 1
        self.storage = storage
        self.mask = mask
        self.scales = (first.scale, second.scale)
        self.tagCount = first.tagCount
    }

    /// The filter's two bits for a key's mixed hash: from its high bits, which the slot (the low
    /// bits) does not use.
    @inline(__always)
    static func filterBits(_ mixed: UInt64, mask: Int) -> (Int, Int) {
        (Int(truncatingIfNeeded: mixed >> 40) & mask, Int(truncatingIfNeeded: mixed >> 20) & mask)
    }

    /// False when no model holds `key` (a stored key); true when one may.
    func mayContain(_ key: UInt64) -> Bool {
        let (a, b) = Self.filterBits(NameHash.mix(key), mask: filterMask)
        return filter[a >> 6] & (1 << UInt64(a & 63)) != 0 && filter[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    /// Adds to `first` and `second` (`sentence.count × tagCount` each, row k for token
    /// `sentence.lowerBound + k`) each model's weights of the tokens' own features,
    /// `own[ownOffsets[i]..<ownOffsets[i + 1]]`, feature by feature in that order. `lookup` lends its
    /// scratch room (sized for the sentence).
    func add(
        sentence: Range<Int>, own: UnsafeBufferPointer<UInt64>, ownOffsets: UnsafeBufferPointer<Int32>,
        scratch lookup: PackedWeights.Lookup, first: UnsafeMutablePointer<Float>, second: UnsafeMutablePointer<Float>
    ) {
        let count = sentence.count
        precondition(count <= lookup.tokens)
        let keys = lookup.keys, slots = lookup.slots, starts = lookup.starts
        var n = 0
        filter.withUnsafeBufferPointer { filter in
            let filterMask = self.filterMask
            for (k, i) in sentence.enumerated() {
                starts[k] = n
                let ownRange = Int(ownOffsets[i])..<Int(ownOffsets[i + 1])
                precondition(n + ownRange.count <= lookup.capacity)
                for j in ownRange {
                    let key = PackedWeights.stored(own[j])
                    let mixed = NameHash.mix(key)
                    // A key the filter has not seen is in neither model: it adds nothing.
                    let (a, b) = Self.filterBits(mixed, mask: filterMask)
                    guard filter[a >> 6] & (1 << UInt64(a & 63)) != 0, filter[b >> 6] & (1 << UInt64(b & 63)) != 0 else { continue }
                    keys[n] = key
                    slots[n] = Int(truncatingIfNeeded: mixed) & self.mask
                    n += 1
                }
            }
        }
        starts[count] = n
        let words = UnsafeBufferPointer(storage.words), base = words.baseAddress!
        let mask = self.mask, W = Self.wordsPerSlot, T = tagCount
        let (scaleA, scaleB) = scales
        @inline(__always) func prefetch(_ k: Int) {
            for j in starts[k]..<starts[k + 1] { marsad_prefetch(base + slots[j] &* W) }
        }
        let distance = PackedWeights.Lookup.distance
        for k in 0..<min(distance, count) { prefetch(k) }
        // Eight tags at a time: a row's Int16 weights are contiguous in the slot (on a little-endian
        // machine, where tag t of a word is its t-th Int16 in memory), and each lane does what the
        // scalar loop does (convert, multiply, add), so the sums are the same bit for bit.
        let vectorTags = T >= 8 && 1.littleEndian == 1 ? 8 : 0
        for k in 0..<count {
            if k + distance < count { prefetch(k + distance) }
            let rowA = first + k * T, rowB = second + k * T
            for j in starts[k]..<starts[k + 1] {
                guard let b = PackedWeights.find(keys[j], from: slots[j], in: words, mask: mask, wordsPerSlot: W) else { continue }
                if vectorTags == 8 {
                    let slot = UnsafeRawPointer(base + b)
                    let a = slot.loadUnaligned(fromByteOffset: 8 * Self.firstRow, as: SIMD8<Int16>.self)
                    let c = slot.loadUnaligned(fromByteOffset: 8 * Self.secondRow, as: SIMD8<Int16>.self)
                    let sumA = UnsafeMutableRawPointer(rowA).loadUnaligned(as: SIMD8<Float>.self) + SIMD8<Float>(a) * scaleA
                    let sumB = UnsafeMutableRawPointer(rowB).loadUnaligned(as: SIMD8<Float>.self) + SIMD8<Float>(c) * scaleB
                    UnsafeMutableRawPointer(rowA).storeBytes(of: sumA, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(rowB).storeBytes(of: sumB, as: SIMD8<Float>.self)
                }
                for tag in vectorTags..<T {
                    rowA[tag] += Float(PackedWeights.weight(words, b + Self.firstRow - 1, tag)) * scaleA
                    rowB[tag] += Float(PackedWeights.weight(words, b + Self.secondRow - 1, tag)) * scaleB
                }
            }
        }
    }
}

extension PackedWeights {
    /// Calls `body` with each stored key and its three words of Int16 weights.
    func forEachSlot(_ body: (UInt64, [UInt64]) -> Void) {
        let words = self.words, W = Self.wordsPerSlot
        for s in 0...mask where words[s * W] != 0 {
            body(words[s * W], [words[s * W + 1], words[s * W + 2], words[s * W + 3]])
        }
    }
}
