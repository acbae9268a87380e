/// A list of integer codes per article (its entities, or its speakers), dense by seq, so that a
/// search counts the codes of its best hits without a query or a dictionary lookup per hit.
///
/// Lists are kept as written: ascending codes as varint deltas, in one byte arena. Rewriting an
/// article's list appends; the arena is compacted when more than half of it is stale.
public struct DocCodes: Sendable {
    private struct Slot {
        var offset: Int = 0
        var length: UInt32 = 0
        /// Codes in the list: sizes the counting table.
        var codes: UInt32 = 0
    }

    private var slots: [Slot] = []
    private var arena: [UInt8] = []
    private var liveBytes = 0

    public init() {}

    /// Bytes held, stale ones included.
    public var byteCount: Int { arena.count + slots.count * MemoryLayout<Slot>.stride }

    /// Sets one article's list from its encoded bytes (``encode(_:)``); empty bytes clear it.
    public mutating func set(_ seq: Int64, encoded bytes: some Collection<UInt8>) {
        guard seq >= 0 else { return }
        let i = Int(seq)
        if i >= slots.count {
            slots += repeatElement(Slot(), count: max(i + 1 - slots.count, slots.count / 4))
        }
        liveBytes -= Int(slots[i].length)
        guard !bytes.isEmpty, bytes.count <= Int(UInt32.max) else {
            slots[i] = Slot()
            return
        }
        // A varint ends at each byte below 0x80.
        slots[i] = Slot(offset: arena.count, length: UInt32(bytes.count), codes: UInt32(bytes.reduce(0) { $0 + ($1 < 0x80 ? 1 : 0) }))
        arena.append(contentsOf: bytes)
        liveBytes += bytes.count
        if arena.count > 1 << 16, liveBytes * 2 < arena.count { compact() }
    }

    public mutating func clear(_ seq: Int64) {
        set(seq, encoded: EmptyCollection())
    }

    /// Calls `body` with each code of `seq`'s list, ascending.
    public func forEach(_ seq: Int64, _ body: (Int64) -> Void) {
        guard seq >= 0, Int(seq) < slots.count else { return }
        let slot = slots[Int(seq)]
        guard slot.length > 0 else { return }
        arena.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[slot.offset..<slot.offset + Int(slot.length)])
            var i = 0
            var code: Int64 = 0
            while i < bytes.count {
                code &+= Int64(bitPattern: ByteCoding.readVarInt(bytes, &i))
                body(code)
            }
        }
    }

    /// How many of `seqs` hold each code, in no particular order.
    public func counts(_ seqs: [Int64]) -> [(code: Int64, count: Int)] {
        tally(seqs) { codes, counts in (0..<codes.count).map { (codes[$0], Int(counts[$0])) } }
    }

    /// The codes held by the most of `seqs`: every code whose count reaches the `limit`-th largest
    /// count (so ties at the cut are all there, for the caller to break), by count descending.
    /// Selected through a histogram of counts: sorting every distinct code cost more than counting.
    public func mostCommon(_ seqs: [Int64], limit: Int) -> [(code: Int64, count: Int)] {
        guard limit > 0 else { return [] }
        return tally(seqs) { codes, counts in
            let top = seqs.count + 1
            var histogram = [Int](repeating: 0, count: top + 1)
            histogram.withUnsafeMutableBufferPointer { histogram in
                for count in counts { histogram[min(Int(count), top)] += 1 }
            }
            var cutoff = top
            var above = histogram[cutoff]
            while cutoff > 1, above < limit {
                cutoff -= 1
                above += histogram[cutoff]
            }
            var out = [(code: Int64, count: Int)]()
            out.reserveCapacity(above)
            for k in counts.indices where Int(counts[k]) >= cutoff { out.append((codes[k], Int(counts[k]))) }
            out.sort { $0.count > $1.count }
            return out
        }
    }

    /// Counts the codes of `seqs` and hands `body` the distinct codes and their counts, in parallel
    /// buffers. Counted in an open-addressed table of indexes into those buffers, sized from the
    /// lists' lengths so that it never fills past half: a faceted search adds some five thousand
    /// codes, where a Swift dictionary's hashing and resizing cost twice the rest of the search's
    /// facets, and a scan of the table's empty slots mispredicted a branch on each.
    private func tally<R>(_ seqs: [Int64], _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Int32>) -> R) -> R {
        var bound = 0
        for seq in seqs where seq >= 0 && Int(seq) < slots.count { bound += Int(slots[Int(seq)].codes) }
        var size = 16
        while size < 2 * bound { size <<= 1 }
        var table = [Int32](repeating: -1, count: size)
        var codes = [Int64](repeating: 0, count: bound)
        var counts = [Int32](repeating: 0, count: bound)
        var distinct = 0
        table.withUnsafeMutableBufferPointer { table in
            codes.withUnsafeMutableBufferPointer { codes in
                counts.withUnsafeMutableBufferPointer { counts in
                    arena.withUnsafeBufferPointer { arena in
                        let mask = size - 1
                        for seq in seqs where seq >= 0 && Int(seq) < slots.count {
                            let slot = slots[Int(seq)]
                            var i = slot.offset
                            let end = slot.offset + Int(slot.length)
                            var code: Int64 = 0
                            while i < end, distinct < codes.count {
                                code &+= Int64(bitPattern: ByteCoding.readVarInt(arena, &i))
                                // Fibonacci hashing spreads consecutive codes.
                                var h = Int(truncatingIfNeeded: (UInt64(bitPattern: code) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
                                while table[h] >= 0, codes[Int(table[h])] != code { h = (h + 1) & mask }
                                if table[h] < 0 {
                                    table[h] = Int32(distinct)
                                    codes[distinct] = code
                                    distinct += 1
                                }
                                counts[Int(table[h])] += 1
                            }
                        }
                    }
                }
            }
        }
        return codes.withUnsafeBufferPointer { codes in
            counts.withUnsafeBufferPointer { counts in
                body(UnsafeBufferPointer(rebasing: codes[..<distinct]), UnsafeBufferPointer(rebasing: counts[..<distinct]))
            }
        }
    }

    /// Ascending codes as varint deltas: the encoding ``set(_:encoded:)`` reads.
    public static func encode(_ codes: some Sequence<Int64>) -> [UInt8] {
        var out = [UInt8]()
        var previous: Int64 = 0
        for code in Set(codes).sorted() {
            ByteCoding.appendVarInt(UInt64(bitPattern: code &- previous), to: &out)
            previous = code
        }
        return out
    }

    private mutating func compact() {
        var fresh = [UInt8]()
        fresh.reserveCapacity(liveBytes)
        for i in slots.indices where slots[i].length > 0 {
            let start = slots[i].offset
            slots[i].offset = fresh.count
            fresh.append(contentsOf: arena[start..<start + Int(slots[i].length)])
        }
        arena = fresh
        liveBytes = fresh.count
    }
}
