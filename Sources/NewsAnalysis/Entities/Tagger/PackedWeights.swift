import CPrefetch
#if canImport(Glibc)
import Glibc
#endif

/// A quantized model's weights laid out for the decoder: each slot of an open-addressed table holds
/// a feature's hash and its row of Int16 weights, 32 bytes, so a lookup touches one cache line
/// instead of three (the hash, the row number, the row of Floats) in tables much larger than L2.
///
/// Lookups give exactly what ``HashIndex`` and the Float rows give: the same key folding (`key | 1`),
/// the same slot hash, the first row of a repeated key, and `Float(q) * scale`, the value the Float
/// rows hold.
///
/// The table (8 MB for the shipped models) is asked for in 2 MB pages where the kernel grants them on
/// request (`madvise`): lookups land anywhere in it, and with 4 KB pages most of them also missed the TLB.
struct PackedWeights: Sendable {
    /// Four words a slot: the stored key (0: empty), then the weights, four Int16 a word.
    var words: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(storage.words) }
    private let storage: Storage
    let mask: Int
    let scale: Float
    let tagCount: Int

    static let wordsPerSlot = 4
    static let tagsPerSlot = 12

    /// - Parameters:
    ///   - quantized: `rows × tagCount` weights, each `weight = q × scale`.
    init?(keys: [UInt64], quantized: [Int16], tagCount: Int, scale: Float) {
        guard tagCount <= Self.tagsPerSlot, quantized.count == keys.count * tagCount else { return nil }
        var size = 16
        while size < keys.count * 2 { size *= 2 }  // HashIndex's sizing
        let storage = Storage(count: size * Self.wordsPerSlot)
        let words = storage.words
        let mask = size - 1
        for (row, key) in keys.enumerated() {
            let stored = key | 1
            var s = Int(truncatingIfNeeded: NameHash.mix(stored)) & mask
            var present = false
            while words[s * Self.wordsPerSlot] != 0 {
                if words[s * Self.wordsPerSlot] == stored { present = true; break }
                s = (s + 1) & mask
            }
            if present { continue }  // the first row of a key wins, as in HashIndex.insertIfAbsent
            words[s * Self.wordsPerSlot] = stored
            for tag in 0..<tagCount {
                let q = UInt64(UInt16(bitPattern: quantized[row * tagCount + tag]))
                words[s * Self.wordsPerSlot + 1 + tag / 4] |= q << UInt64(16 * (tag % 4))
            }
        }
        self.storage = storage
        self.mask = mask
        self.scale = scale
        self.tagCount = tagCount
    }

    /// The table's memory, zeroed, aligned to 2 MB and advised for huge pages.
    final class Storage: @unchecked Sendable {
        let words: UnsafeMutableBufferPointer<UInt64>
        /// Whether `posix_memalign` gave the memory (released with `free`).
        private let aligned: Bool

        init(count: Int) {
            let bytes = count * MemoryLayout<UInt64>.stride
            var raw: UnsafeMutableRawPointer?
            #if canImport(Glibc)
            let huge = 2 << 20, rounded = (bytes + huge - 1) / huge * huge
            if bytes >= huge, posix_memalign(&raw, huge, rounded) == 0, let raw {
                _ = madvise(raw, rounded, MADV_HUGEPAGE)
            }
            #endif
            aligned = raw != nil
            let base = raw ?? UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
            words = UnsafeMutableBufferPointer(start: base.bindMemory(to: UInt64.self, capacity: count), count: count)
            words.initialize(repeating: 0)
        }

        deinit {
            #if canImport(Glibc)
            if aligned { free(words.baseAddress); return }
            #endif
            UnsafeMutableRawPointer(words.baseAddress!).deallocate()
        }
    }

    @inline(__always)
    static func stored(_ key: UInt64) -> UInt64 { key | 1 }

    @inline(__always)
    func slot(_ stored: UInt64) -> Int { Int(truncatingIfNeeded: NameHash.mix(stored)) & mask }

    /// The first word of `key`'s slot, probing linearly from `slot`; nil when the table lacks it.
    @inline(__always)
    static func find(_ key: UInt64, from slot: Int, in words: UnsafeBufferPointer<UInt64>, mask: Int, wordsPerSlot W: Int) -> Int? {
        var s = slot
        var v = words[s &* W]
        while v != key {
            if v == 0 { return nil }
            s = (s &+ 1) & mask
            v = words[s &* W]
        }
        return s &* W
    }

    /// The quantized weight `tag` of the slot whose words start at `base`.
    @inline(__always)
    static func weight(_ words: UnsafeBufferPointer<UInt64>, _ base: Int, _ tag: Int) -> Int16 {
        Int16(truncatingIfNeeded: words[base + 1 + tag >> 2] >> UInt64(16 * (tag & 3)))
    }

    /// Sums feature weights a sentence at a time, with scratch room for `capacity` features and
    /// `tokens` tokens of a sentence; ``deallocate()`` when done.
    ///
    /// Every feature's first slot is worked out first; then, while token k's features are looked up,
    /// the slots of token k + ``distance`` are prefetched, so that the cache misses of a few hundred
    /// lookups are in flight at once rather than each waiting behind the branch of the one before.
    struct Lookup {
        let table: PackedWeights
        let keys: UnsafeMutablePointer<UInt64>
        let slots: UnsafeMutablePointer<Int>
        let starts: UnsafeMutablePointer<Int>
        let capacity: Int
        let tokens: Int

        /// Tokens prefetched ahead: two (some 150 lookups) measured best of 0, 2, 4 and 8 over ANT.
        static let distance = 2

        init(_ table: PackedWeights, capacity: Int, tokens: Int) {
            self.table = table
            self.capacity = max(capacity, 1)
            self.tokens = tokens
            keys = .allocate(capacity: self.capacity)
            slots = .allocate(capacity: self.capacity)
            starts = .allocate(capacity: tokens + 1)
        }

        func deallocate() {
            keys.deallocate()
            slots.deallocate()
            starts.deallocate()
        }

        /// Adds to `e` (`sentence.count × tagCount`, row k for token `sentence.lowerBound + k`) the
        /// weights of each token's features the model knows: `own[ownOffsets[i]..<ownOffsets[i + 1]]`,
        /// then `context[contextOffsets[contextBase + i]..<…]`, feature by feature in that order (the
        /// Float sums of the row-by-row loop).
        func add(
            sentence: Range<Int>, own: UnsafeBufferPointer<UInt64>, ownOffsets: UnsafeBufferPointer<Int32>,
            context: UnsafeBufferPointer<UInt64>, contextOffsets: UnsafeBufferPointer<Int32>, contextBase: Int?,
            to e: UnsafeMutablePointer<Float>
        ) {
            let count = sentence.count
            precondition(count <= tokens)
            var n = 0
            for (k, i) in sentence.enumerated() {
                starts[k] = n
                let ownRange = Int(ownOffsets[i])..<Int(ownOffsets[i + 1])
                let contextRange = contextBase.map { Int(contextOffsets[$0 + i])..<Int(contextOffsets[$0 + i + 1]) } ?? 0..<0
                precondition(n + ownRange.count + contextRange.count <= capacity)
                for j in ownRange {
                    let key = PackedWeights.stored(own[j])
                    keys[n] = key
                    slots[n] = table.slot(key)
                    n += 1
                }
                for j in contextRange {
                    let key = PackedWeights.stored(context[j])
                    keys[n] = key
                    slots[n] = table.slot(key)
                    n += 1
                }
            }
            starts[count] = n
            let words = table.words, base = words.baseAddress!
            let mask = table.mask, scale = table.scale, W = PackedWeights.wordsPerSlot, T = table.tagCount
            @inline(__always) func prefetch(_ k: Int) {
                for j in starts[k]..<starts[k + 1] { marsad_prefetch(base + slots[j] &* W) }
            }
            let distance = Self.distance
            for k in 0..<min(distance, count) { prefetch(k) }
            for k in 0..<count {
                if k + distance < count { prefetch(k + distance) }
                let row = e + k * T
                for j in starts[k]..<starts[k + 1] {
                    guard let b = PackedWeights.find(keys[j], from: slots[j], in: words, mask: mask, wordsPerSlot: W) else { continue }
                    for tag in 0..<T { row[tag] += Float(PackedWeights.weight(words, b, tag)) * scale }
                }
            }
        }
    }
}
