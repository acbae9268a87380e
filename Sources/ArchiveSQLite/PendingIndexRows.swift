import Archive
import GRDB
import TermIndex

/// The index rows (FTS5 and the term index's segment) of the articles stored in the current write
/// transaction, written when the batch ends rather than article by article.
///
/// FTS5 keeps a transaction's new rows in memory, and any read of the index first writes them out as
/// a new segment: written article by article, 8,000 articles made 6,500 segments and as many
/// merges. Deferred to the end of the batch, the rows make one segment per batch.
///
/// Ingest still asks one question of the index for each article: in how many articles each of its
/// characteristic terms occurs, to choose the rare terms that the linking stage will probe with
/// (``RareTerms``). The batch's own articles count too, so this answers for them in memory
/// (`documentFrequency`, what `fts5vocab`'s `doc` answers), cutting terms as FTS5's `ascii`
/// tokenizer does and comparing them by a 64-bit hash of their bytes.
struct PendingIndexRows {
    struct Entry {
        var seq: Int64
        var index: IndexDocument
        /// Every token of the article, once.
        var tokens: Set<UInt64>
        /// Its entity and speaker names, for the facet row.
        var facets = SearchFacets.FacetNames()
    }

    private(set) var entries: [Entry] = []
    /// Token → how many entries hold it: asked 16 times an article, so kept rather than counted.
    private var holders: [UInt64: Int] = [:]

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(seq: Int64, index: IndexDocument, facets: SearchFacets.FacetNames = SearchFacets.FacetNames()) {
        var tokens = Set<UInt64>()
        for field in IndexDocument.Field.allCases { tokens.formUnion(Self.tokenHashes(index[field])) }
        for token in tokens { holders[token, default: 0] += 1 }
        entries.append(Entry(seq: seq, index: index, tokens: tokens, facets: facets))
    }

    /// Forgets articles deleted before the batch ends (a page stored twice in one batch).
    mutating func remove(seqs: Set<Int64>) {
        guard !seqs.isEmpty else { return }
        for entry in entries where seqs.contains(entry.seq) {
            for token in entry.tokens {
                let left = (holders[token] ?? 0) - 1
                holders[token] = left > 0 ? left : nil
            }
        }
        entries.removeAll { seqs.contains($0.seq) }
    }

    /// How many pending articles hold `term` as one token: `fts5vocab` counts tokens, so a term the
    /// tokenizer cuts in pieces (or changes) has no entry there, and none here.
    func documentFrequency(_ term: String) -> Int {
        guard !entries.isEmpty else { return 0 }
        let pieces = Self.tokenHashes(term)
        guard pieces.count == 1, Self.isOneToken(term) else { return 0 }
        return holders[pieces[0]] ?? 0
    }

    /// True when the `ascii` tokenizer keeps `term` as it is: no ASCII other than lowercase letters
    /// and digits.
    static func isOneToken(_ term: String) -> Bool {
        term.utf8.allSatisfy { $0 >= 0x80 || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) } && !term.isEmpty
    }

    /// The tokens FTS5's `ascii` tokenizer makes of `text`, as FNV-1a hashes of their bytes (the
    /// term index cuts and hashes them the same way).
    static func tokenHashes(_ text: String) -> [UInt64] {
        var out = [UInt64]()
        SegmentBuilder.forEachToken(in: text) { _, hash in out.append(hash) }
        return out
    }

    /// Writes the FTS5 rows, in seq order.
    func write(to db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO articles_fts (rowid, title, subtitle, captions, body) VALUES (?, ?, ?, ?, ?)")
        for entry in entries.sorted(by: { $0.seq < $1.seq }) {
            try insert.execute(arguments: [entry.seq, entry.index.title, entry.index.subtitle, entry.index.captions, entry.index.body])
        }
    }
}
