import Archive
import Foundation
import GRDB
import Synchronization
import TermIndex

/// The term index as ingest's story lookups read it: every segment's dictionary, each article's
/// publication time, and the deletions, kept up to date within the write transaction.
///
/// Ingest asks, for each new article, which stored articles of a ±3-day window hold one of its six
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
    }

    /// Bytes of postings chunks kept between lookups (ANT's whole index takes 11 MB).
    static let chunkBudget = 32 << 20

    private let state = Mutex(State())
    /// Off, the lookups go to FTS5 as before (tests compare the two).
    let enabled = Mutex(true)

    /// Brings the view up to the index as of `db`, once per ingest transaction: the index changes only
    /// when the transaction ends (its segment, any merge), so the lookups need not ask again.
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
            segment.forEachEntry { term, entry in state.frequencies[SegmentView.hash(term), default: 0] += entry.documentFrequency }
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
        state.chunks.keep(segments: Set(current.keys))
        state.deleted = try SearchSegments.deletions(in: db)
        state.generation = generation
        return true
    }

    /// Stored articles holding any of `terms` (index terms), published in [from, to) when a window is
    /// given, newest (largest seq) first. Nil when the index cannot answer: the lookups are off, the
    /// archive is not indexed yet, or a term is more than one token.
    func seqs(holding terms: [String], from: Int64?, to: Int64?, in db: Database) throws -> [Int64]? {
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
            for segment in state.segments.values {
                let entries = tokens.compactMap { segment.entry(for: $0) }
                guard !entries.isEmpty else { continue }
                for (entry, bytes) in zip(entries, try source.postings(in: segment, entries, cache: &state.chunks)) {
                    let list = PostingList(decoding: bytes, count: entry.documentFrequency)
                    for seq in list.seqs {
                        if let before = state.deleted[seq], segment.rank < before { continue }
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
