import Archive
import Foundation
import GRDB
import TermIndex

/// Writes the term index: a segment per ingest transaction, merged ten at a time as they pile up,
/// in the same transaction as the articles, so the index is never behind or ahead of them.
enum SearchSegments {
    /// Postings are stored in chunks of this many bytes (each segment records its own): a rare term's
    /// list is read with one small row read, a common one's with a few dozen, and merges stream a
    /// segment chunk by chunk. 64 KB chunks made ingest's story lookups copy 6 MB an article.
    static let chunkSize = 16_384
    /// Segments of the same size class are merged ten at a time.
    static let mergeFactor = 10
    /// Size classes by article count: below 2,000, below 20,000, below 200,000. Larger segments are
    /// left alone, so that no ingest transaction rewrites more than about 200,000 articles' postings.
    static let classLimits = [2_000, 20_000, 200_000]
    /// Articles per transaction when an existing archive is indexed (read through a cursor, so the
    /// batch's text is never held whole).
    static let backfillBatch = 10_000

    static func state(_ key: String, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM search_state WHERE key = ?"), arguments: [key]) ?? 0
    }

    static func setState(_ key: String, _ value: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO search_state VALUES (?, ?)").execute(arguments: [key, value])
    }

    /// Indexes the articles of one ingest transaction. Nothing is written while an older archive is
    /// still being indexed from FTS5 (those articles are picked up by ``backfill(in:)``).
    static func append(_ entries: [PendingIndexRows.Entry], names: inout SearchFacets.NameCodes, in db: Database) throws {
        guard !entries.isEmpty else { return }
        if try state("facets_complete", in: db) == 1 { try SearchFacets.write(entries, names: &names, in: db) }
        guard try state("complete", in: db) == 1 else { return }
        var builder = SegmentBuilder()
        var codes = Codes()
        let seqs = entries.map(\.seq)
        var metadata = [Int64: Row]()
        for row in try Row.fetchAll(
            db, sql: "SELECT seq, section_key, section, outlet_key, outlet, role, published FROM articles WHERE seq IN (\(seqs.map(String.init).joined(separator: ",")))")
        {
            metadata[row["seq"]] = row
        }
        for entry in entries {
            guard let row = metadata[entry.seq] else { continue }
            builder.add(try codes.doc(seq: entry.seq, row: row, in: db), fields: IndexDocument.Field.allCases.map { (entry.index[$0], Self.weight($0)) })
        }
        try write(builder.build(), in: db)
        try mergeIfNeeded(in: db)
    }

    static func weight(_ field: IndexDocument.Field) -> UInt32 {
        UInt32(IndexDocument.weights[field] ?? 1)
    }

    /// Indexes the articles an archive held before it had a term index, a batch per transaction,
    /// resuming where an interrupted run stopped.
    static func backfill(in writer: any DatabaseWriter) throws {
        while try writer.write({ db in try backfillBatch(in: db) }) {}
    }

    /// One batch; false when the archive is completely indexed.
    static func backfillBatch(in db: Database) throws -> Bool {
        guard try state("complete", in: db) == 0 else { return false }
        let after = try state("indexed_through", in: db)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT f.rowid AS seq, f.title, f.subtitle, f.captions, f.body, a.section_key, a.section, a.outlet_key, a.outlet, a.role, a.published
                FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE f.rowid > ? ORDER BY f.rowid LIMIT ?
                """,
            arguments: [after, backfillBatch])
        var builder = SegmentBuilder()
        var codes = Codes()
        var last: Int64?
        while let row = try rows.next() {
            last = row["seq"]
            let fields: [(String, UInt32)] = IndexDocument.Field.allCases.map { field in
                (row[["title", "subtitle", "captions", "body"][field.rawValue]] ?? "", weight(field))
            }
            builder.add(try codes.doc(seq: row["seq"], row: row, in: db), fields: fields)
        }
        guard let last else {
            try setState("complete", 1, in: db)
            try bumpGeneration(in: db)
            return false
        }
        try write(builder.build(), in: db)
        try mergeIfNeeded(in: db)
        try setState("indexed_through", last, in: db)
        return true
    }

    /// The stored segments in rank order, loading (through `known`) only those not loaded before:
    /// each comes with its doc table when it is new, and with nil when `known` had it.
    static func segments(reusing known: [Int64: SegmentView], in db: Database) throws -> [(SegmentView, [IndexedDoc]?)] {
        var out = [(SegmentView, [IndexedDoc]?)]()
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT uid, rank, docs, tokens, chunk_size FROM search_segments ORDER BY rank")) {
            let uid: Int64 = row["uid"]
            if let segment = known[uid] {
                out.append((segment, nil))
                continue
            }
            guard let blobs = try Row.fetchOne(db.cachedStatement(sql: "SELECT dictionary, doc_table FROM search_segments WHERE uid = ?"), arguments: [uid]) else { continue }
            let segment = SegmentView(
                uid: uid, rank: row["rank"], dictionary: [UInt8](blobs["dictionary"] as Data), docCount: row["docs"], tokenCount: row["tokens"],
                chunkSize: row["chunk_size"])
            out.append((segment, IndexedDoc.decodeAll([UInt8](blobs["doc_table"] as Data))))
        }
        return out
    }

    /// Deleted seqs and the rank before which segments still hold them (the latest when a seq was
    /// deleted more than once).
    static func deletions(in db: Database) throws -> [Int64: Int64] {
        try Dictionary(
            Row.fetchAll(db.cachedStatement(sql: "SELECT seq, before_rank FROM search_deleted")).map { ($0[0] as Int64, $0[1] as Int64) },
            uniquingKeysWith: max)
    }

    static func bumpGeneration(in db: Database) throws {
        try db.execute(sql: "UPDATE search_state SET value = value + 1 WHERE key = 'generation'")
    }

    /// Stores a built segment under the next rank.
    static func write(_ segment: EncodedSegment, in db: Database) throws {
        guard segment.docCount > 0 else { return }
        let rank = try state("next_rank", in: db)
        let uid = try insertSegment(rank: rank, docs: segment.docs, tokens: segment.tokenCount, postingsLength: segment.postings.count, dictionary: segment.dictionary, in: db)
        var chunk = 0
        var start = 0
        while start < segment.postings.count {
            let end = min(start + chunkSize, segment.postings.count)
            try insertChunk(segment: uid, chunk: chunk, Data(segment.postings[start..<end]), in: db)
            chunk += 1
            start = end
        }
        try setState("next_rank", rank + 1, in: db)
        try bumpGeneration(in: db)
    }

    static func insertSegment(rank: Int64, docs: [IndexedDoc], tokens: Int, postingsLength: Int, dictionary: [UInt8], in db: Database) throws -> Int64 {
        let range = seqRange(docs)
        try db.cachedStatement(
            sql: "INSERT INTO search_segments (rank, docs, tokens, postings_length, chunk_size, dictionary, doc_table, first_seq, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            rank, docs.count, tokens, postingsLength, chunkSize, Data(dictionary), Data(IndexedDoc.encodeAll(docs)),
            range.first, range.last,
        ])
        return db.lastInsertedRowID
    }

    static func insertChunk(segment: Int64, chunk: Int, _ data: Data, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO search_chunks (segment, chunk, data) VALUES (?, ?, ?)").execute(arguments: [segment, chunk, data])
    }

    static func sizeClass(_ docs: Int) -> Int? {
        classLimits.firstIndex { docs < $0 }
    }

    /// Merges ten segments of one size class whenever there are ten, smallest class first, until no
    /// class has ten.
    static func mergeIfNeeded(in db: Database) throws {
        while true {
            let segments = try Row.fetchAll(db, sql: "SELECT uid, rank, docs FROM search_segments ORDER BY rank")
            var classes = [Int: [Row]]()
            for row in segments {
                if let size = sizeClass(row["docs"]) { classes[size, default: []].append(row) }
            }
            guard let (_, group) = classes.filter({ $0.value.count >= mergeFactor }).min(by: { $0.key < $1.key }) else { break }
            try merge(group.prefix(mergeFactor).map { $0["uid"] }, in: db)
        }
        try reclaimIfNeeded(in: db)
    }

    /// A segment holding this share of deleted articles or more is rewritten on its own.
    static let reclaimShare = 0.2

    /// Rewrites each segment that is at least ``reclaimShare`` deleted articles, leaving them out:
    /// the largest segments are never merged again, and without this a re-ingested changing page
    /// would leave its old articles in their postings, their term counts and their size for good.
    /// Lucene's merge policy reclaims deletions the same way.
    static func reclaimIfNeeded(in db: Database) throws {
        let uids = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT uid FROM search_segments WHERE dead_docs > 0 AND dead_docs >= docs * ? ORDER BY rank"),
            arguments: [reclaimShare])
        for uid in uids { try merge([uid], in: db) }
    }

    /// Replaces the segments `uids` with one, streaming their postings chunk by chunk.
    static func merge(_ uids: [Int64], in db: Database) throws {
        let deleted = try SearchSegments.deletions(in: db)
        var inputs = [SegmentMerger.Input]()
        var rank: Int64 = 0
        for uid in uids {
            guard let row = try Row.fetchOne(db, sql: "SELECT rank, docs, tokens, chunk_size, dictionary, doc_table FROM search_segments WHERE uid = ?", arguments: [uid]) else { continue }
            let view = SegmentView(uid: uid, rank: row["rank"], dictionary: [UInt8](row["dictionary"] as Data), docCount: row["docs"], tokenCount: row["tokens"], chunkSize: row["chunk_size"])
            rank = max(rank, view.rank)
            let reader = ChunkReader(segment: uid, chunkSize: view.chunkSize, db: db)
            inputs.append(SegmentMerger.Input(view: view, docs: IndexedDoc.decodeAll([UInt8](row["doc_table"] as Data)), read: reader.read))
        }
        // The merged segment's row comes first, so that its chunks are written as they fill rather
        // than held: a merge of 200,000 articles makes about 100 MB of postings.
        let uid = try insertSegment(rank: rank, docs: [], tokens: 0, postingsLength: 0, dictionary: [], in: db)
        var pending = [UInt8]()
        var written = 0
        let output = try SegmentMerger.merge(
            inputs,
            isLive: { seq, rank in deleted[seq].map { rank >= $0 } ?? true },
            emit: { bytes in
                pending += bytes
                if pending.count >= chunkSize {
                    var start = 0
                    while pending.count - start >= chunkSize {
                        try insertChunk(segment: uid, chunk: written, Data(pending[start..<(start + chunkSize)]), in: db)
                        written += 1
                        start += chunkSize
                    }
                    pending.removeFirst(start)
                }
            })
        if !pending.isEmpty { try insertChunk(segment: uid, chunk: written, Data(pending), in: db) }
        // The merged segment takes the newest input's rank: everything it still holds was live then.
        // Every deleted article of the inputs was left out, so the merged segment holds none.
        let range = seqRange(output.docs)
        try db.execute(
            sql: """
                UPDATE search_segments SET docs = ?, tokens = ?, postings_length = ?, dictionary = ?, doc_table = ?, first_seq = ?, last_seq = ?,
                    dead_docs = 0 WHERE uid = ?
                """,
            arguments: [
                output.docs.count, output.tokenCount, output.postingsLength, Data(output.dictionary), Data(IndexedDoc.encodeAll(output.docs)),
                range.first, range.last, uid,
            ])
        try db.execute(sql: "DELETE FROM search_segments WHERE uid IN (\(uids.map(String.init).joined(separator: ",")))")
        // A deletion matters only while a segment written before it may hold the seq: one whose seq
        // range covers it. The rest (merged or rewritten away) have nothing left to hide.
        try db.execute(sql: """
            DELETE FROM search_deleted WHERE NOT EXISTS (
                SELECT 1 FROM search_segments s
                WHERE s.rank < search_deleted.before_rank AND s.first_seq <= search_deleted.seq AND search_deleted.seq <= s.last_seq)
            """)
        try bumpGeneration(in: db)
    }

    /// Section, outlet and role keys as the small integer codes the doc table holds.
    struct Codes {
        var known: [String: UInt16] = [:]
        static let overflow = UInt16.max

        mutating func code(_ kind: String, key: String?, label: String?, in db: Database) throws -> UInt16 {
            guard let key, !key.isEmpty else { return 0 }
            let name = kind + "\u{1F}" + key
            if let code = known[name] { return code }
            let code: UInt16
            if let stored = try Int.fetchOne(db.cachedStatement(sql: "SELECT code FROM search_codes WHERE kind = ? AND key = ?"), arguments: [kind, key]) {
                code = UInt16(clamping: stored)
            } else {
                let next = try Int.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(code), 0) + 1 FROM search_codes WHERE kind = ?"), arguments: [kind]) ?? 1
                // Past 65,534 values every further key shares the last code; filters on it fall
                // back to FTS5.
                code = UInt16(clamping: min(next, Int(Self.overflow)))
                if next <= Int(Self.overflow) {
                    try db.cachedStatement(sql: "INSERT INTO search_codes VALUES (?, ?, ?, ?)").execute(arguments: [kind, key, code, label ?? key])
                }
            }
            known[name] = code
            return code
        }

        mutating func doc(seq: Int64, row: Row, in db: Database) throws -> IndexedDoc {
            let role: String? = row["role"]
            return IndexedDoc(
                seq: seq,
                section: try code("section", key: row["section_key"], label: row["section"], in: db),
                outlet: try code("outlet", key: row["outlet_key"], label: row["outlet"], in: db),
                role: UInt8(clamping: try code("role", key: role, label: role, in: db)),
                published: (row["published"] as String?).flatMap { PublishedKey.key($0) } ?? PublishedKey.none)
        }
    }
}

/// Reads a stored segment's postings by byte range, keeping the last chunk it read: a merge reads
/// each input front to back.
final class ChunkReader {
    let segment: Int64
    let chunkSize: Int
    let db: Database
    var current: (index: Int, bytes: [UInt8])?

    init(segment: Int64, chunkSize: Int, db: Database) {
        self.segment = segment
        self.chunkSize = chunkSize
        self.db = db
    }

    func chunk(_ index: Int) throws -> [UInt8] {
        if let current, current.index == index { return current.bytes }
        let data = try Data.fetchOne(
            db.cachedStatement(sql: "SELECT data FROM search_chunks WHERE segment = ? AND chunk = ?"), arguments: [segment, index]) ?? Data()
        current = (index, [UInt8](data))
        return current!.bytes
    }

    func read(_ offset: Int, _ length: Int) throws -> [UInt8] {
        try Self.read(offset, length, chunkSize: chunkSize, chunk: chunk)
    }

    /// Bytes [offset, offset + length) of a stream stored in chunks; a missing chunk gives fewer bytes.
    static func read(_ offset: Int, _ length: Int, chunkSize: Int, chunk: (Int) throws -> [UInt8]) rethrows -> [UInt8] {
        guard length > 0, offset >= 0, chunkSize > 0 else { return [] }
        var out = [UInt8]()
        out.reserveCapacity(min(length, 1 << 24))
        var position = offset
        let end = offset + length
        while position < end {
            let index = position / chunkSize
            let bytes = try chunk(index)
            let start = position - index * chunkSize
            guard start < bytes.count else { break }
            let stop = min(bytes.count, end - index * chunkSize)
            out += bytes[start..<stop]
            position = index * chunkSize + stop
        }
        return out
    }
}

extension SearchSegments {
    /// The `first_seq` and `last_seq` a segment of these articles records (0 and -1, an empty range,
    /// for none).
    static func seqRange(_ docs: [IndexedDoc]) -> (first: Int64, last: Int64) {
        guard let first = docs.first?.seq else { return (0, -1) }
        return docs.reduce((first, first)) { (min($0.0, $1.seq), max($0.1, $1.seq)) }
    }

    /// Sets every segment's seq range and deleted-article count from its doc table, as a merge would
    /// judge each article (v8 does this once for the segments written before it).
    static func recount(in db: Database) throws {
        let deleted = try deletions(in: db)
        for row in try Row.fetchAll(db, sql: "SELECT uid, rank, doc_table FROM search_segments") {
            let docs = IndexedDoc.decodeAll([UInt8](row["doc_table"] as Data))
            let rank: Int64 = row["rank"]
            let dead = docs.filter { doc in deleted[doc.seq].map { rank < $0 } ?? false }.count
            let range = seqRange(docs)
            try db.execute(
                sql: "UPDATE search_segments SET first_seq = ?, last_seq = ?, dead_docs = ? WHERE uid = ?",
                arguments: [range.first, range.last, dead, row["uid"] as Int64])
        }
    }

    /// Deleted articles the segments still hold (BM25 leaves them out of its article count).
    static func deadDocuments(in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT coalesce(sum(dead_docs), 0) FROM search_segments")) ?? 0
    }
}
