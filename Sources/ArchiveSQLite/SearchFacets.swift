public import Archive
import Foundation
import GRDB
import Synchronization
import TermIndex

/// The entity and speaker facets from `search_facets`: a row per article with its entity and speaker
/// codes as varints, which readers keep in memory (``FacetCodes``) beside the doc table. The SQL over
/// `entities` and `quotes` read every entity and quote row of the 500 best hits (thousands) through a
/// temporary B-tree, 8 ms of a 12 ms query over ANT; reading the 500 facet rows per search still
/// cost a third of a faceted search under load.
enum SearchFacets {
    /// Articles per backfill transaction.
    static let backfillBatch = 20_000

    /// Writes the facet rows of these articles, reading their entity and speaker names back from
    /// their rows (the backfill of an older archive).
    static func write(seqs: [Int64], in db: Database) throws {
        guard !seqs.isEmpty else { return }
        let list = seqs.map(String.init).joined(separator: ",")
        var names = NameCodes()
        var entities = [Int64: Set<Int64>](), speakers = [Int64: Set<Int64>]()
        for row in try Row.fetchAll(db, sql: "SELECT article, name_key, name FROM entities WHERE article IN (\(list)) AND name_key <> ''") {
            entities[row[0], default: []].insert(try names.code("entity", key: row[1], label: row[2], in: db))
        }
        for row in try Row.fetchAll(db, sql: "SELECT article, speaker_key, speaker FROM quotes WHERE article IN (\(list)) AND speaker_key IS NOT NULL AND speaker_key <> ''") {
            speakers[row[0], default: []].insert(try names.code("speaker", key: row[1], label: row[2], in: db))
        }
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO search_facets (seq, entities, speakers) VALUES (?, ?, ?)")
        for seq in Set(entities.keys).union(speakers.keys) {
            try insert.execute(arguments: [seq, encode(entities[seq]), encode(speakers[seq])])
        }
    }

    /// Writes the facet rows of the articles of one ingest transaction from the names they were stored
    /// with (``FacetNames``), in the order their rows hold them: reading them back cost as much as
    /// writing them.
    static func write(_ entries: [PendingIndexRows.Entry], names: inout NameCodes, in db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO search_facets (seq, entities, speakers) VALUES (?, ?, ?)")
        for entry in entries.sorted(by: { $0.seq < $1.seq }) where !entry.facets.isEmpty {
            var entities = Set<Int64>(), speakers = Set<Int64>()
            for (key, label) in entry.facets.entities { entities.insert(try names.code("entity", key: key, label: label, in: db)) }
            for (key, label) in entry.facets.speakers { speakers.insert(try names.code("speaker", key: key, label: label, in: db)) }
            try insert.execute(arguments: [entry.seq, encode(entities), encode(speakers)])
        }
    }

    /// Fills `search_facets` for an archive written before v6, a batch per transaction.
    static func backfill(in writer: any DatabaseWriter) throws {
        while try writer.write({ db -> Bool in
            guard try SearchSegments.state("facets_complete", in: db) == 0 else { return false }
            let after = try SearchSegments.state("facets_through", in: db)
            let seqs = try Int64.fetchAll(db, sql: "SELECT seq FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [after, backfillBatch])
            guard let last = seqs.last else {
                try SearchSegments.setState("facets_complete", 1, in: db)
                return false
            }
            try write(seqs: seqs, in: db)
            try SearchSegments.setState("facets_through", last, in: db)
            return true
        }) {}
    }

    /// Codes ascending, as varint deltas (``DocCodes``'s encoding); nil for none.
    static func encode(_ codes: Set<Int64>?) -> Data? {
        guard let codes, !codes.isEmpty else { return nil }
        return Data(DocCodes.encode(codes))
    }

    /// Entity and speaker facets over `sample` (the best-ranked hits): counts of articles per code,
    /// the top ``SearchResults/facetLimit`` by count and then label.
    static func count(sample: [Int64], codes: FacetCodes, generation: Int64, in db: Database, cache: FacetCache? = nil) throws -> (entities: [FacetCount], speakers: [FacetCount]) {
        let limit = SearchResults.facetLimit
        return (try top(codes.entities.mostCommon(sample, limit: limit), kind: "entity", in: db, cache: cache, generation: generation),
                try top(codes.speakers.mostCommon(sample, limit: limit), kind: "speaker", in: db, cache: cache, generation: generation))
    }

    /// The top codes by count, ties by label: labels are read only for codes that can make the list.
    static func top(_ counts: [(code: Int64, count: Int)], kind: String, in db: Database, cache: FacetCache? = nil, generation: Int64 = 0) throws -> [FacetCount] {
        let limit = SearchResults.facetLimit
        guard !counts.isEmpty else { return [] }
        let ordered = counts.sorted { $0.count > $1.count }
        let cutoff = ordered[min(limit, ordered.count) - 1].count
        let candidates = ordered.prefix { $0.count >= cutoff }
        var labels = cache?.labels(kind, candidates.map(\.code), generation: generation) ?? [:]
        let unknown = candidates.map(\.code).filter { labels[$0] == nil }
        if !unknown.isEmpty {
            var read = [Int64: String]()
            for row in try Row.fetchAll(
                db, sql: "SELECT code, label FROM search_codes WHERE kind = ? AND code IN (\(unknown.map(String.init).joined(separator: ",")))",
                arguments: [kind])
            {
                read[row[0]] = row[1]
            }
            labels.merge(read) { $1 }
            cache?.store(labels: read, kind: kind, generation: generation)
        }
        return SQLiteArchive.topFacets(candidates.compactMap { code, n in labels[code].map { (label: $0, count: n) } })
    }

    /// Entity and speaker keys as integer codes, with the smallest written form as label.
    ///
    /// Codes found or made in this transaction are in `known`; those of earlier transactions in
    /// `committed` (the archive's ``NameCodeCache``, handed the new ones once the transaction commits).
    /// A code is never deleted or given to another key, so a committed one stays true.
    struct NameCodes {
        var known: [Name: (code: Int64, label: String)] = [:]
        var committed: NameCodeCache?

        mutating func code(_ kind: String, key: String, label: String, in db: Database) throws -> Int64 {
            let name = Name(kind: kind, key: key)
            if let found = known[name] ?? committed?.lookup(name) {
                // Mostly the same form again: bytes first, Unicode order only for another form.
                if !label.utf8.elementsEqual(found.label.utf8), label < found.label {
                    // Another process may have stored a smaller label meanwhile: never a larger one.
                    try db.cachedStatement(sql: "UPDATE search_codes SET label = ? WHERE kind = ? AND key = ? AND label > ?")
                        .execute(arguments: [label, kind, key, label])
                    known[name] = (found.code, label)
                }
                return found.code
            }
            if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT code, label FROM search_codes WHERE kind = ? AND key = ?"), arguments: [kind, key]) {
                known[name] = (row[0], row[1])
                return try code(kind, key: key, label: label, in: db)
            }
            let next = try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(code), 0) + 1 FROM search_codes WHERE kind = ?"), arguments: [kind]) ?? 1
            try db.cachedStatement(sql: "INSERT INTO search_codes VALUES (?, ?, ?, ?)").execute(arguments: [kind, key, next, label])
            known[name] = (next, label)
            return next
        }
    }

    /// A kind and key, compared and hashed as bytes (as SQLite compares them): String's Unicode-aware
    /// hashing of Arabic keys was most of a lookup.
    struct Name: Hashable, Sendable {
        let kind: String
        let key: String

        static func == (a: Name, b: Name) -> Bool {
            a.kind.utf8.elementsEqual(b.kind.utf8) && a.key.utf8.elementsEqual(b.key.utf8)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(kind.utf8.count)
            for part in [kind, key] {
                var part = part
                part.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            }
        }
    }

    /// An article's entity and speaker names as its rows store them (key, written form), in row order.
    struct FacetNames: Sendable {
        var entities: [(key: String, label: String)] = []
        var speakers: [(key: String, label: String)] = []

        var isEmpty: Bool { entities.isEmpty && speakers.isEmpty }
    }
}

/// Entity and speaker codes of committed transactions, kept by the archive across ingest batches:
/// each batch looked up every name of its articles again (3% of the writer over ANT).
final class NameCodeCache: Sendable {
    private let table = Mutex([SearchFacets.Name: (code: Int64, label: String)]())
    /// The table is emptied when it would grow past this many names.
    static let limit = 300_000

    func lookup(_ name: SearchFacets.Name) -> (code: Int64, label: String)? {
        table.withLock { $0[name] }
    }

    /// Takes the codes of a transaction that has committed.
    func commit(_ known: [SearchFacets.Name: (code: Int64, label: String)]) {
        guard !known.isEmpty else { return }
        table.withLock { table in
            if table.count + known.count > Self.limit { table.removeAll(keepingCapacity: true) }
            table.merge(known) { $1 }
        }
    }

    var count: Int { table.withLock { $0.count } }
}

/// Every article's entity and speaker codes, as the readers keep them beside the doc table.
struct FacetCodes: Sendable {
    var entities = DocCodes()
    var speakers = DocCodes()

    static func readAll(in db: Database) throws -> FacetCodes {
        var table = FacetCodes()
        try table.read(sql: "SELECT seq, entities, speakers FROM search_facets", arguments: [], in: db)
        return table
    }

    /// Reads these articles' rows again (an article without a row has no codes). Rows between them
    /// are read too: every row is current, and a range is one index walk.
    mutating func reload(_ seqs: [Int64], in db: Database) throws {
        guard let low = seqs.min(), let high = seqs.max() else { return }
        for seq in seqs {
            entities.clear(seq)
            speakers.clear(seq)
        }
        try read(sql: "SELECT seq, entities, speakers FROM search_facets WHERE seq BETWEEN ? AND ?", arguments: [low, high], in: db)
    }

    private mutating func read(sql: String, arguments: StatementArguments, in db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            entities.set(seq, encoded: row.dataNoCopy(atIndex: 1) ?? Data())
            speakers.set(seq, encoded: row.dataNoCopy(atIndex: 2) ?? Data())
        }
    }
}

/// Entity and speaker labels already read, kept until the next write to the archive (a new index
/// generation) and at most `limit` per kind: a faceted search shows ten of each, and the labels of
/// popular names recur.
final class FacetCache: Sendable {
    struct State {
        var generation: Int64 = -1
        var labels: [String: [Int64: String]] = [:]

        mutating func reset(_ generation: Int64) {
            guard generation != self.generation else { return }
            self.generation = generation
            labels.removeAll()
        }
    }

    static let limit = 200_000
    private let state = Mutex(State())

    func labels(_ kind: String, _ codes: [Int64], generation: Int64) -> [Int64: String] {
        state.withLock { state in
            guard state.generation == generation, let known = state.labels[kind] else { return [:] }
            var out = [Int64: String]()
            for code in codes { out[code] = known[code] }
            return out
        }
    }

    func store(labels: [Int64: String], kind: String, generation: Int64) {
        state.withLock { state in
            state.reset(generation)
            if (state.labels[kind]?.count ?? 0) + labels.count > Self.limit { state.labels[kind] = nil }
            state.labels[kind, default: [:]].merge(labels) { $1 }
        }
    }
}
