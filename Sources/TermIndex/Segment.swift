#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StableHash

/// One article as the term index knows it: what BM25, the filters and the facets need, so that
/// ranking never reads an article row.
public struct IndexedDoc: Sendable, Hashable {
    public var seq: Int64
    /// Tokens over every field (FTS5's `xColumnSize(-1)`).
    public var length: UInt32
    /// Codes of the section, outlet and role keys; 0 means none.
    public var section: UInt16
    public var outlet: UInt16
    public var role: UInt8
    /// ``PublishedKey`` of the publication time; -1 when there is none.
    public var published: Int64

    public init(seq: Int64, length: UInt32 = 0, section: UInt16 = 0, outlet: UInt16 = 0, role: UInt8 = 0, published: Int64 = -1) {
        self.seq = seq
        self.length = length
        self.section = section
        self.outlet = outlet
        self.role = role
        self.published = published
    }

    static let encodedSize = 25

    func encode(into out: inout [UInt8]) {
        ByteCoding.appendFixed(seq, to: &out)
        ByteCoding.appendFixed(length, to: &out)
        ByteCoding.appendFixed(section, to: &out)
        ByteCoding.appendFixed(outlet, to: &out)
        out.append(role)
        ByteCoding.appendFixed(published, to: &out)
    }

    /// The records of a segment's doc table; a trailing partial record is ignored.
    public static func decodeAll(_ bytes: [UInt8]) -> [IndexedDoc] {
        bytes.withUnsafeBufferPointer { p in
            (0..<(p.count / encodedSize)).map { i in
                let o = i * encodedSize
                return IndexedDoc(
                    seq: ByteCoding.readFixed(p, at: o, as: Int64.self),
                    length: ByteCoding.readFixed(p, at: o + 8, as: UInt32.self),
                    section: ByteCoding.readFixed(p, at: o + 12, as: UInt16.self),
                    outlet: ByteCoding.readFixed(p, at: o + 14, as: UInt16.self),
                    role: p[o + 16],
                    published: ByteCoding.readFixed(p, at: o + 17, as: Int64.self))
            }
        }
    }

    public static func encodeAll(_ docs: [IndexedDoc]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(docs.count * encodedSize)
        for doc in docs { doc.encode(into: &out) }
        return out
    }
}

/// A segment as bytes, ready to store: a sorted term dictionary, the postings it points into, and
/// the doc table.
///
/// Postings of one term: per article, the seq as a delta from the previous one (the first from 0)
/// and the weighted term frequency (title ×10, subtitle and captions ×4, body ×1, as FTS5's `bm25()`
/// weighs them), both as varints. A dictionary entry: term length, term bytes, document frequency,
/// postings offset and postings length, all varints but the term.
public struct EncodedSegment: Sendable {
    public var dictionary: [UInt8]
    public var postings: [UInt8]
    public var docs: [IndexedDoc]
    public var tokenCount: Int

    public var docCount: Int { docs.count }
}

/// Where a term's postings lie in one segment.
public struct TermEntry: Sendable, Hashable {
    public var documentFrequency: Int
    public var offset: Int
    public var length: Int
}

/// The term dictionary of a stored segment, searchable by binary search over its raw bytes (no
/// string per term is ever made).
public final class SegmentView: Sendable {
    /// The row that holds the segment.
    public let uid: Int64
    /// The order in which segments were written; deletions name the first segment they do not touch.
    public let rank: Int64
    public let docCount: Int
    public let tokenCount: Int
    /// How many bytes of postings the store keeps per piece (the store's business; kept here so that
    /// a segment carries what its reader needs).
    public let chunkSize: Int
    let dictionary: [UInt8]
    let starts: [Int32]

    public init(uid: Int64, rank: Int64, dictionary: [UInt8], docCount: Int, tokenCount: Int, chunkSize: Int = 0) {
        self.chunkSize = chunkSize
        self.uid = uid
        self.rank = rank
        self.dictionary = dictionary
        self.docCount = docCount
        self.tokenCount = tokenCount
        var starts = [Int32]()
        dictionary.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                starts.append(Int32(truncatingIfNeeded: i))
                let length = Int(clamping: ByteCoding.readVarInt(p, &i))
                guard length <= p.count - i else { break }
                i += length
                for _ in 0..<3 { _ = ByteCoding.readVarInt(p, &i) }
            }
        }
        self.starts = starts
    }

    public var termCount: Int { starts.count }

    /// The term bytes and entry at position `index` of the dictionary.
    func entry(at index: Int) -> (term: ArraySlice<UInt8>, entry: TermEntry) {
        dictionary.withUnsafeBufferPointer { p in
            var i = Int(starts[index])
            let length = Int(clamping: ByteCoding.readVarInt(p, &i))
            let end = i + min(length, p.count - i)
            let term = dictionary[i..<end]
            i = end
            let df = Int(clamping: ByteCoding.readVarInt(p, &i))
            let offset = Int(clamping: ByteCoding.readVarInt(p, &i))
            let count = Int(clamping: ByteCoding.readVarInt(p, &i))
            return (term, TermEntry(documentFrequency: df, offset: offset, length: count))
        }
    }

    /// The first dictionary position whose term is not below `term`.
    func lowerBound(_ term: some Collection<UInt8>) -> Int {
        if let found = term.withContiguousStorageIfAvailable({ lowerBound(raw: $0) }) { return found }
        return Array(term).withUnsafeBufferPointer { lowerBound(raw: $0) }
    }

    /// Binary search that reads only each probed term's length and bytes: decoding the whole entry
    /// and comparing slices at every probe was most of a story lookup's dictionary time.
    func lowerBound(raw term: UnsafeBufferPointer<UInt8>) -> Int {
        dictionary.withUnsafeBufferPointer { p in
            starts.withUnsafeBufferPointer { starts in
                var low = 0, high = starts.count
                while low < high {
                    let mid = (low + high) / 2
                    if Self.precedes(p, at: Int(starts[mid]), term) { low = mid + 1 } else { high = mid }
                }
                return low
            }
        }
    }

    /// Whether the dictionary term at `start` sorts before `term`, byte by byte (a prefix first).
    @inline(__always)
    static func precedes(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = start
        let length = Int(clamping: ByteCoding.readVarInt(p, &i))
        let stored = min(length, p.count - i)
        let common = min(stored, term.count)
        if common > 0 {
            let order = memcmp(p.baseAddress! + i, term.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return stored < term.count
    }

    /// Whether the dictionary term at `start` is exactly `term`.
    @inline(__always)
    static func equals(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = start
        let length = Int(clamping: ByteCoding.readVarInt(p, &i))
        guard length == term.count, length <= p.count - i else { return false }
        return length == 0 || memcmp(p.baseAddress! + i, term.baseAddress!, length) == 0
    }

    /// Calls `body` with every term (as bytes) and its entry, in term order.
    public func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, TermEntry) -> Void) {
        for index in starts.indices {
            let (term, entry) = entry(at: index)
            term.withUnsafeBufferPointer { body($0, entry) }
        }
    }

    /// FNV-1a of a term's bytes: the key stores may use to count terms across segments.
    public static func hash(_ term: some Sequence<UInt8>) -> UInt64 {
        FNV1a64.hash(term)
    }

    public func entry(for term: [UInt8]) -> TermEntry? {
        term.withUnsafeBufferPointer { term in
            let i = lowerBound(raw: term)
            guard i < starts.count,
                  dictionary.withUnsafeBufferPointer({ Self.equals($0, at: Int(starts[i]), term) }) else { return nil }
            return entry(at: i).entry
        }
    }

    /// Entries of the terms that start with `prefix`, in term order, at most `limit`.
    public func entries(withPrefix prefix: [UInt8], limit: Int) -> [TermEntry] {
        var out = [TermEntry]()
        var i = lowerBound(prefix)
        while i < starts.count, out.count < limit {
            let found = entry(at: i)
            guard found.term.starts(with: prefix) else { break }
            out.append(found.entry)
            i += 1
        }
        return out
    }
}

/// Postings decoded into parallel arrays, seqs ascending.
public struct PostingList: Sendable {
    public var seqs: [Int64] = []
    public var weights: [UInt32] = []

    public init() {}

    public init(decoding bytes: [UInt8], count: Int) {
        seqs.reserveCapacity(min(count, bytes.count))
        weights.reserveCapacity(min(count, bytes.count))
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            var seq: Int64 = 0
            while i < p.count {
                seq &+= Int64(truncatingIfNeeded: ByteCoding.readVarInt(p, &i))
                let weight = UInt32(truncatingIfNeeded: ByteCoding.readVarInt(p, &i))
                seqs.append(seq)
                weights.append(weight)
            }
        }
    }

    public var count: Int { seqs.count }

    func encode(into out: inout [UInt8]) {
        var previous: Int64 = 0
        for (seq, weight) in zip(seqs, weights) {
            ByteCoding.appendVarInt(UInt64(bitPattern: seq &- previous), to: &out)
            ByteCoding.appendVarInt(UInt64(weight), to: &out)
            previous = seq
        }
    }

    /// One list of several, seqs merged; a seq in more than one list sums its weights (a prefix's
    /// terms count as one, as FTS5 counts a prefix's instances).
    static func union(_ lists: [PostingList]) -> PostingList {
        guard lists.count > 1 else { return lists.first ?? PostingList() }
        if let dense = denseUnion(lists) { return dense }
        var merged = [(Int64, UInt32)]()
        merged.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists { merged.append(contentsOf: zip(list.seqs, list.weights)) }
        merged.sort { $0.0 < $1.0 }
        var out = PostingList()
        for (seq, weight) in merged {
            if let last = out.seqs.last, last == seq {
                out.weights[out.weights.count - 1] &+= weight
            } else {
                out.seqs.append(seq)
                out.weights.append(weight)
            }
        }
        return out
    }

    /// The union by a sum per seq over the lists' span, when the span is small next to the postings
    /// (a short prefix's thousands of terms, over most of a segment): sorting them all was most of
    /// such a query's time. Nil when a sort is the cheaper way.
    static func denseUnion(_ lists: [PostingList]) -> PostingList? {
        var total = 0, low = Int64.max, high = Int64.min
        for list in lists {
            guard let first = list.seqs.first, let last = list.seqs.last else { continue }
            total += list.count
            low = min(low, first)
            high = max(high, last)
        }
        guard total >= 4_096, high >= low else { return nil }
        let span = high &- low &+ 1
        guard span > 0, span <= Int64(total) * 4, span <= 1 << 26 else { return nil }
        var sums = [UInt32](repeating: 0, count: Int(span))
        var present = [Bool](repeating: false, count: Int(span))
        for list in lists {
            for (seq, weight) in zip(list.seqs, list.weights) {
                let i = Int(seq &- low)
                sums[i] &+= weight
                present[i] = true
            }
        }
        var out = PostingList()
        for i in 0..<Int(span) where present[i] {
            out.seqs.append(low + Int64(i))
            out.weights.append(sums[i])
        }
        return out
    }
}
