import Archive
import GRDB

/// The index rows (FTS5 and the term index's segment) of the articles stored in the current write
/// transaction, written when the batch ends rather than article by article.
///
/// FTS5 keeps a transaction's new rows in memory, and any read of the index first writes them out as
/// a new segment: written article by article, 8,000 articles made 6,500 segments and as many
/// merges. Deferred to the end of the batch, the rows make one segment per batch. Nothing in an
/// ingest transaction reads the index any more (the linking stage reads only committed articles),
/// so the batch's rows need no in-memory answers.
struct PendingIndexRows {
    struct Entry {
        var seq: Int64
        var index: IndexDocument
        /// Its entity and speaker names, for the facet row.
        var facets = SearchFacets.FacetNames()
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(seq: Int64, index: IndexDocument, facets: SearchFacets.FacetNames = SearchFacets.FacetNames()) {
        entries.append(Entry(seq: seq, index: index, facets: facets))
    }

    /// Forgets articles deleted before the batch ends (a page stored twice in one batch).
    mutating func remove(seqs: Set<Int64>) {
        guard !seqs.isEmpty else { return }
        entries.removeAll { seqs.contains($0.seq) }
    }

    /// Writes the FTS5 rows, in seq order.
    func write(to db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO articles_fts (rowid, title, subtitle, captions, body) VALUES (?, ?, ?, ?, ?)")
        for entry in entries.sorted(by: { $0.seq < $1.seq }) {
            try insert.execute(arguments: [entry.seq, entry.index.title, entry.index.subtitle, entry.index.captions, entry.index.body])
        }
    }
}
