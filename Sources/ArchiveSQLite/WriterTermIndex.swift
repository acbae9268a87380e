import Archive
import Foundation
import GRDB
import Synchronization
import TermIndex

/// The term index as the linking stage's story lookups read it: every segment's dictionary, each
/// article's publication time, and the deletions, brought up to date at each linking transaction.
///
/// Linking asks, for each new article, which stored articles of a ±3-day window hold one of its six
/// rarest terms. FTS5 answered by intersecting the window's seqs with the terms' matches in temporary
/// B-trees, 72% of ingest's time at 200,000 articles and growing with the archive. Here the terms'
/// postings are decoded and filtered by an array read of each hit's date.
final class WriterTermIndex: Sendable {
    struct State {
        var generation: Int64 = -1
        var segments: [Int64: SegmentView] = [:]
        /// Every indexed article's doc-table fields by seq (the lookups read its publication key).
        var docs = DocTable()
        var deleted: [Int64: Int64] = [:]
        /// Document frequencies over every segment, by ``SegmentView/hash(_:)`` of the term: kept up
        /// to date as segments come and go, so that a lookup is one hash probe.
        var frequencies: [UInt64: Int] = [:]
        /// Whether the last ``prepare(in:)`` found the archive indexed.
        var ready = false
        var chunks = PostingChunkCache(budget: WriterTermIndex.chunkBudget)
        /// Each segment's terms as a Bloom filter, by uid.
        var filters: [Int64: TermFilter] = [:]
        /// Each segment's smallest seq, by uid: a lookup bounded by a seq skips the segments that
        /// hold only later articles.
        var firstSeqs: [Int64: Int64] = [:]
    }

    /// Bytes of postings chunks kept between lookups (ANT's whole index takes 11 MB; the lookups
    /// read the rare terms' chunks of recent segments, which 8 MB holds: 32 MB was no faster).
    static let chunkBudget = 8 << 20

    private let state = Mutex(State())
    /// Off, the lookups go to FTS5 as before (tests compare the two).
    let enabled = Mutex(true)

    /// Brings the view up to the index as of `db`, once per linking transaction: linking writes no
    /// index segment, so the lookups need not ask again within it.
    func prepare(in db: Database) throws {
        guard enabled.withLock({ $0 }) else { return }
        try state.withLock { state in state.ready = try refresh(db, &state) }
    }

    /// Brings the view up to the index as of `db`; false when the archive is not indexed yet.
    private func refresh(_ db: Database, _ state: inout State) throws -> Bool {
        guard try SearchSegments.state("complete", in: db) == 1 else { return false }
        let generation = try SearchSegments.state("generation", in: db)
        guard generation != state.generation else { return true }
        var current = [Int64: SegmentView]()
        for (segment, newDocs) in try SearchSegments.segments(reusing: state.segments, in: db) {
            current[segment.uid] = segment
            guard let newDocs else { continue }
            var filter = TermFilter(terms: segment.termCount)
            segment.forEachEntry { term, entry in
                let key = SegmentView.hash(term)
                state.frequencies[key, default: 0] += entry.documentFrequency
                filter.insert(key)
            }
            state.filters[segment.uid] = filter
            state.firstSeqs[segment.uid] = newDocs.lazy.map(\.seq).min() ?? .max
            state.docs.insert(newDocs)
        }
        for (uid, gone) in state.segments where current[uid] == nil {
            gone.forEachEntry { term, entry in
                let key = SegmentView.hash(term)
                let left = (state.frequencies[key] ?? 0) - entry.documentFrequency
                state.frequencies[key] = left > 0 ? left : nil
            }
        }
        state.segments = current
        state.filters = state.filters.filter { current[$0.key] != nil }
        state.firstSeqs = state.firstSeqs.filter { current[$0.key] != nil }
        state.chunks.keep(segments: Set(current.keys))
        state.deleted = try SearchSegments.deletions(in: db)
        state.generation = generation
        return true
    }

    /// Stored articles before `before` (a seq) holding any of `terms` (index terms), published in
    /// [from, to) when a window is given, newest (largest seq) first. Nil when the index cannot
    /// answer: the lookups are off, the archive is not indexed yet, or a term is more than one token.
    func seqs(holding terms: [String], from: Int64?, to: Int64?, before: Int64 = .max, in db: Database) throws -> [Int64]? {
        guard enabled.withLock({ $0 }) else { return nil }
        var tokens = [[UInt8]]()
        for term in terms {
            let pieces = SegmentBuilder.tokens(of: term)
            guard pieces.count == 1 else { return nil }
            tokens.append(Array(pieces[0].utf8))
        }
        return try state.withLock { state -> [Int64]? in
            guard state.ready else { return nil }
            let source = StoredPostings(db: db)
            var found = Set<Int64>()
            let hashes = tokens.map { SegmentView.hash($0) }
            for segment in state.segments.values where state.firstSeqs[segment.uid, default: .min] < before {
                // Rare terms are in few segments: the filter spares the dictionary searches of the rest.
                let filter = state.filters[segment.uid]
                let entries = tokens.indices.compactMap { k in
                    filter?.mayContain(hashes[k]) == false ? nil : segment.entry(for: tokens[k])
                }
                guard !entries.isEmpty else { continue }
                for (entry, bytes) in zip(entries, try source.postings(in: segment, entries, cache: &state.chunks)) {
                    let list = PostingList(decoding: bytes, count: entry.documentFrequency)
                    for seq in list.seqs where seq < before {
                        if let deletedBefore = state.deleted[seq], segment.rank < deletedBefore { continue }
                        if let from, let to {
                            let published = state.docs.contains(seq) ? state.docs.published[Int(seq)] : PublishedKey.none
                            guard published >= from, published < to else { continue }
                        }
                        found.insert(seq)
                    }
                }
            }
            return found.sorted(by: >)
        }
    }

    /// Articles that hold `term` (one token), over every segment; nil when the index cannot answer.
    func documentFrequency(_ term: String, in db: Database) throws -> Int? {
        guard enabled.withLock({ $0 }) else { return nil }
        let pieces = SegmentBuilder.tokens(of: term)
        guard pieces.count == 1 else { return nil }
        let token = Array(pieces[0].utf8)
        return try state.withLock { state -> Int? in
            guard state.ready else { return nil }
            return state.frequencies[SegmentView.hash(token)] ?? 0
        }
    }
}

/// A segment's terms as a Bloom filter (about 10 bits and two probes a term): a story lookup asks
/// every segment for six rare terms, and the dictionary's binary searches for the terms a segment
/// lacks were a twentieth of the writer over ANT.
struct TermFilter: Sendable {
    private var bits: [UInt64]
    private let mask: Int

    init(terms: Int) {
        var size = 1 << 10
        while size < terms * 10 { size <<= 1 }
        bits = [UInt64](repeating: 0, count: size >> 6)
        mask = size - 1
    }

    /// Two bit positions from the term hash's high and middle bits.
    private func positions(_ hash: UInt64) -> (Int, Int) {
        let mixed = hash &* 0x9E37_79B9_7F4A_7C15
        return (Int(truncatingIfNeeded: mixed >> 40) & mask, Int(truncatingIfNeeded: mixed >> 18) & mask)
    }

    mutating func insert(_ hash: UInt64) {
        let (a, b) = positions(hash)
        bits[a >> 6] |= 1 << UInt64(a & 63)
        bits[b >> 6] |= 1 << UInt64(b & 63)
    }

    /// False when the term (by ``SegmentView/hash(_:)``) is certainly not in the segment.
    func mayContain(_ hash: UInt64) -> Bool {
        let (a, b) = positions(hash)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
