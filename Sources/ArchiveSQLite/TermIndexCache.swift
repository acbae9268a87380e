import Foundation
import GRDB
import Synchronization
import TermIndex

/// The term index as the readers see it: segment dictionaries, the doc table, deletions and key
/// codes, loaded once and reloaded only when a write changes the index's generation. Segments already
/// loaded are kept; a reload reads only the new ones.
final class TermIndexCache: Sendable {
    final class Snapshot: Sendable {
        let generation: Int64
        let searcher: IndexSearcher
        /// kind → key → code, and kind → code → label (section, outlet, role).
        let codes: [String: [String: UInt16]]
        let labels: [String: [UInt16: String]]
        /// Every article's entity and speaker codes; nil while an older archive's facet rows are
        /// still being written.
        let facets: FacetCodes?

        init(generation: Int64, searcher: IndexSearcher, codes: [String: [String: UInt16]], labels: [String: [UInt16: String]], facets: FacetCodes?) {
            self.generation = generation
            self.searcher = searcher
            self.codes = codes
            self.labels = labels
            self.facets = facets
        }
    }

    private let current = Mutex<Snapshot?>(nil)

    /// The index as of `db`'s read transaction, or nil while an older archive is still being indexed.
    func snapshot(_ db: Database) throws -> Snapshot? {
        // Every search asks: one cached statement, read by index (rows copied with their column
        // names cost more than the query).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT (SELECT value FROM search_state WHERE key = 'complete'), (SELECT value FROM search_state WHERE key = 'generation'),
                   (SELECT value FROM search_state WHERE key = 'facets_complete')
            """))
        guard let state = try rows.next(), state[0] as Int64? == 1, let generation = state[1] as Int64? else { return nil }
        let facetsComplete = state[2] as Int64? == 1
        let previous = current.withLock { $0 }
        if let previous, previous.generation == generation, (previous.facets != nil) == facetsComplete { return previous }
        let fresh = try load(generation: generation, facetsComplete: facetsComplete, reusing: previous, db)
        current.withLock { stored in
            // Newer wins; at the same generation, the one with the facet codes.
            guard let kept = stored else {
                stored = fresh
                return
            }
            if kept.generation < generation || (kept.generation == generation && kept.facets == nil && fresh.facets != nil) { stored = fresh }
        }
        return fresh
    }

    private func load(generation: Int64, facetsComplete: Bool, reusing previous: Snapshot?, _ db: Database) throws -> Snapshot {
        var known = [Int64: SegmentView]()
        for segment in previous?.searcher.segments ?? [] { known[segment.uid] = segment }
        var docs = previous?.searcher.docs ?? DocTable()
        var segments = [SegmentView]()
        var reindexed = [[IndexedDoc]]()
        for (segment, newDocs) in try SearchSegments.segments(reusing: known, in: db) {
            segments.append(segment)
            if let newDocs {
                docs.insert(newDocs)
                reindexed.append(newDocs)
            }
        }
        var facets: FacetCodes?
        if facetsComplete {
            // Facet rows change only with the articles of a new segment (written in the same
            // transaction), so only those are read again.
            if var table = previous?.facets {
                for newDocs in reindexed { try table.reload(newDocs.map(\.seq), in: db) }
                facets = table
            } else {
                facets = try FacetCodes.readAll(in: db)
            }
        }
        let deleted = try SearchSegments.deletions(in: db)
        var codes = [String: [String: UInt16]](), labels = [String: [UInt16: String]]()
        for row in try Row.fetchAll(db, sql: "SELECT kind, key, code, label FROM search_codes") {
            let kind: String = row["kind"], code = UInt16(clamping: row["code"] as Int)
            codes[kind, default: [:]][row["key"]] = code
            labels[kind, default: [:]][code] = row["label"]
        }
        return Snapshot(
            generation: generation,
            searcher: IndexSearcher(segments: segments, docs: docs, deleted: deleted, deadDocuments: try SearchSegments.deadDocuments(in: db)),
            codes: codes, labels: labels, facets: facets)
    }
}

/// A segment's postings, read from its chunks within the current read transaction. Only the term's
/// bytes are copied out of each chunk (SQLite hands the blob over without a copy).
struct StoredPostings: PostingsSource {
    let db: Database

    func postings(in segment: SegmentView, _ entry: TermEntry) throws -> [UInt8] {
        let size = segment.chunkSize
        guard entry.length > 0, entry.offset >= 0, size > 0 else { return [] }
        let first = entry.offset / size, last = (entry.offset + entry.length - 1) / size
        var out = [UInt8]()
        out.reserveCapacity(entry.length)
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT chunk, data FROM search_chunks WHERE segment = ? AND chunk BETWEEN ? AND ? ORDER BY chunk"),
            arguments: [segment.uid, first, last])
        while let row = try rows.next() {
            let chunk: Int = row[0]
            guard let data = row.dataNoCopy(atIndex: 1) else { continue }
            let base = chunk * size
            let start = max(entry.offset, base) - base
            let stop = min(entry.offset + entry.length, base + data.count) - base
            if start < stop { out += data[data.startIndex + start..<data.startIndex + stop] }
        }
        return out
    }
}
