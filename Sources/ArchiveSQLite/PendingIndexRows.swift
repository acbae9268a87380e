import Archive
import GRDB
import TermIndex

/// The FTS5 rows of the articles stored in the current write transaction, written when the batch
/// ends rather than article by article.
///
/// FTS5 keeps a transaction's new rows in memory, and any read of the index (a MATCH, a vocabulary
/// lookup) first writes them out as a new segment. The story and teaser lookups read the index for
/// every article, so writing each article's row at once made every article a segment of its own:
/// 8,000 articles made 6,500 segments and as many merges, and each lookup probed dozens of segments.
/// Deferred to the end of the batch, the rows make one segment per batch, and the lookups see only
/// committed, merged segments.
///
/// The lookups still have to see the batch's own articles, so this also answers, in memory, the two
/// questions they ask of the index: which articles hold a term (`seqs(matching:)`, what `MATCH "a" OR
/// "b"` answers) and in how many articles a term occurs (`documentFrequency`, what `fts5vocab`'s `doc`
/// answers). Terms are cut as FTS5's `ascii` tokenizer cuts them and compared by a 64-bit hash of
/// their bytes.
struct PendingIndexRows {
    struct Entry {
        var seq: Int64
        var index: IndexDocument
        /// Each field's tokens, as hashes, in order (for phrases).
        var fields: [[UInt64]]
        /// Every token of the article, once.
        var tokens: Set<UInt64>
        /// Its entity and speaker names, for the facet row.
        var facets = SearchFacets.FacetNames()
    }

    private(set) var entries: [Entry] = []
    /// Token → the entries that hold it, ascending: both questions are asked for every stored
    /// article (16 terms and 6 probes), and scanning every entry for each made a batch quadratic.
    private var holders: [UInt64: [Int]] = [:]

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(seq: Int64, index: IndexDocument, facets: SearchFacets.FacetNames = SearchFacets.FacetNames()) {
        let fields = IndexDocument.Field.allCases.map { Self.tokenHashes(index[$0]) }
        var tokens = Set<UInt64>(minimumCapacity: fields.reduce(0) { $0 + $1.count })
        for field in fields { tokens.formUnion(field) }
        for token in tokens { holders[token, default: []].append(entries.count) }
        entries.append(Entry(seq: seq, index: index, fields: fields, tokens: tokens, facets: facets))
    }

    /// Forgets articles deleted before the batch ends (a page stored twice in one batch).
    mutating func remove(seqs: Set<Int64>) {
        guard !seqs.isEmpty, entries.contains(where: { seqs.contains($0.seq) }) else { return }
        entries.removeAll { seqs.contains($0.seq) }
        holders.removeAll(keepingCapacity: true)
        for (k, entry) in entries.enumerated() {
            for token in entry.tokens { holders[token, default: []].append(k) }
        }
    }

    /// The pending articles that an FTS5 OR of these terms (each a quoted string) would match, newest
    /// (latest added) first.
    func seqs(matching terms: [String]) -> [Int64] {
        guard !entries.isEmpty else { return [] }
        let phrases = terms.map { Self.tokenHashes($0) }.filter { !$0.isEmpty }
        guard !phrases.isEmpty else { return [] }
        var found = Set<Int>()
        for phrase in phrases {
            // The entries holding the phrase's first token are the only ones that can hold it.
            for k in holders[phrase[0]] ?? [] where !found.contains(k) && Self.holds(entries[k], phrase: phrase) {
                found.insert(k)
            }
        }
        return found.sorted(by: >).map { entries[$0].seq }
    }

    /// How many pending articles hold `term` as one token: `fts5vocab` counts tokens, so a term the
    /// tokenizer cuts in pieces (or changes) has no entry there, and none here.
    func documentFrequency(_ term: String) -> Int {
        guard !entries.isEmpty else { return 0 }
        let pieces = Self.tokenHashes(term)
        guard pieces.count == 1, Self.isOneToken(term) else { return 0 }
        return holders[pieces[0]]?.count ?? 0
    }

    /// Writes the FTS5 rows, in seq order.
    func write(to db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO articles_fts (rowid, title, subtitle, captions, body) VALUES (?, ?, ?, ?, ?)")
        for entry in entries.sorted(by: { $0.seq < $1.seq }) {
            try insert.execute(arguments: [entry.seq, entry.index.title, entry.index.subtitle, entry.index.captions, entry.index.body])
        }
    }

    /// The rows of `select` (a `SELECT … FROM articles a WHERE …` over `arguments`) among these
    /// articles, newest first, at most `limit`.
    static func fetch(
        _ select: String, arguments: StatementArguments = [], seqs: [Int64], limit: Int, in db: Database
    ) throws -> [Row] {
        guard !seqs.isEmpty, limit > 0 else { return [] }
        let list = "[" + seqs.map(String.init).joined(separator: ",") + "]"
        return try Row.fetchAll(
            db.cachedStatement(sql: select + " AND a.seq IN (SELECT value FROM json_each(?)) ORDER BY a.seq DESC LIMIT ?"),
            arguments: arguments + [list, limit])
    }

    static func holds(_ entry: Entry, phrase: [UInt64]) -> Bool {
        if phrase.count == 1 { return entry.tokens.contains(phrase[0]) }
        guard phrase.allSatisfy(entry.tokens.contains) else { return false }
        for field in entry.fields where field.count >= phrase.count {
            for start in 0...(field.count - phrase.count) where field[start] == phrase[0] {
                if field[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
            }
        }
        return false
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
}
