public import Archive
import Foundation
import GRDB
import NewsModel
import Synchronization

extension SQLiteArchive {
    static let bm25 = "bm25(articles_fts, \(IndexDocument.weights[.title]!), \(IndexDocument.weights[.subtitle]!), \(IndexDocument.weights[.captions]!), \(IndexDocument.weights[.body]!))"

    /// Searches the archive. An empty query with filters lists the newest matching articles; a query
    /// whose words are all dropped (punctuation only) has no hits.
    public func search(_ request: SearchRequest) async throws -> SearchResults {
        try await search(request, termIndex: true)
    }

    /// `termIndex: false` ranks with FTS5 alone, as archives did before the term index (tests compare
    /// the two).
    func search(_ request: SearchRequest, termIndex useIndex: Bool) async throws -> SearchResults {
        let filters = try request.filters.validated()
        let query = request.query
        guard let plan = SQLSearchPlan(query, filters: filters) else { return SearchResults(total: 0, hits: [], facets: [:]) }
        let browsing = plan.browsing
        if useIndex, !browsing, let results = try await indexedSearch(request, filters: filters) {
            return results
        }
        let (filterConditions, filterArguments) = (plan.conditions, plan.arguments)
        // Rank on the FTS table alone when nothing needs the articles table: joining first made
        // SQLite carry every hit's row into the sort (40 ms to 1 s on a common word over 31 K articles).
        // When a join is needed, CROSS JOIN keeps FTS5 as the outer loop: driven from a section index
        // instead, SQLite ran the MATCH once per article of the section (1.2 s for one query).
        let joined = browsing || filterConditions.count > plan.matchConditions || request.order != .relevance
        let from = joined ? plan.from : "articles_fts"
        let seq = joined ? "a.seq" : "articles_fts.rowid"
        let whereClause = plan.whereClause
        let order: String
        let score: String
        switch (request.order, browsing) {
        case (_, true), (.newest, _):
            score = browsing ? "0.0" : "-\(Self.bm25)"
            order = "a.published DESC, a.seq DESC"
        case (.relevance, false):
            score = "-\(Self.bm25)"
            order = "\(Self.bm25), \(seq)"
        case (.recency(let halfLife), false):
            score = "-\(Self.bm25) * marsad_decay(a.published, (SELECT julianday(max(published)) - 2440587.5 FROM articles), \(max(0.01, halfLife)))"
            order = "score DESC, a.seq"
        }
        let snippeter = Snippeter(query: query)
        let (arguments, conditions) = (filterArguments, filterConditions)
        do {
            return try await reading { db in
                // 1. The page of hits: ids and scores only. With facets on a relevance order, the best
                // `entityFacetSample` hits are ranked at once: the page is their slice, and the entity
                // and speaker facets count them, so the hits are ranked once, not twice.
                // Relevance reorders the best hits by how close the words stand, as the term index does.
                let sample = SearchResults.entityFacetSample
                let ranker = !browsing && request.order == .relevance && request.offset < ProximityRanker.depth
                    ? ProximityRanker(terms: query.proximityTerms) : nil
                let rankOnce = request.facets && !browsing && request.order == .relevance && request.offset + request.limit <= sample
                let whole = rankOnce || ranker != nil
                let depth = max(rankOnce ? sample : 0, ranker == nil ? 0 : max(ProximityRanker.depth, request.offset + request.limit))
                var ranked = try Row.fetchAll(
                    db,
                    sql: "SELECT \(seq) AS seq, \(score) AS score FROM \(from) \(whereClause) ORDER BY \(order) LIMIT \(whole ? depth : request.limit) OFFSET \(whole ? 0 : request.offset)",
                    arguments: arguments).map { (seq: $0["seq"] as Int64, score: $0["score"] as Double? ?? 0) }
                let best = rankOnce ? ranked.map(\.seq) : nil
                if let ranker { ranked = try ranker.rerankBest(ranked) { try Self.rankedFields($0, in: db) } }
                if whole { ranked = Array(ranked.dropFirst(request.offset).prefix(request.limit)) }
                // 2. Their display fields.
                let hits = try Self.hits(ranked.map { ($0.seq, $0.score) }, snippeter: snippeter, foldingCopies: !filters.includeCopies, in: db)
                // 3. The total and the facets, over every hit.
                if request.facets {
                    let (total, counted) = try Self.facets(
                        from: plan.from,
                        conditions: conditions, arguments: arguments, order: browsing || request.order == .newest ? "a.published DESC, a.seq DESC" : "\(Self.bm25), a.seq",
                        best: best, in: db)
                    // No hits, no facets: both stores answer an empty result alike.
                    return SearchResults(total: total, hits: hits, facets: total > 0 ? counted : [:])
                }
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) \(whereClause)", arguments: arguments) ?? 0
                return SearchResults(total: total, hits: hits, facets: [:])
            }
        } catch ArchiveError.unavailable(let reason) {
            // Our MATCH expressions are quoted, so an FTS5 syntax error here would be our bug; report
            // it plainly rather than as SQL. Damage comes through as `.corrupt`.
            throw ArchiveError.invalidRequest(field: "query", reason: reason)
        }
    }

    static func addFilters(_ filters: SearchFilters, to conditions: inout [String], _ arguments: inout StatementArguments) {
        conditions += filters.sqlConditions { value in
            _ = arguments.append(contentsOf: [value])
            return "?"
        }
    }

    /// The number of hits and the facet counts over all of them (not just the page shown).
    ///
    /// One pass reads every hit's section, source and role and counts them here; entities and
    /// speakers are counted in SQL over the hits' ids, in chunks.
    /// `best`: the best-ranked hits when the caller has them already (at most `entityFacetSample`).
    static func facets(from: String, conditions: [String], arguments: StatementArguments, order: String, best: [Int64]? = nil, in db: Database) throws -> (Int, [String: [FacetCount]]) {
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        struct Tally {
            var counts = [String: (label: String, count: Int)]()
            mutating func add(_ key: String?, _ label: String?) {
                guard let key, let label else { return }
                counts[key, default: (label, 0)].count += 1
            }
            var top: [FacetCount] { SQLiteArchive.topFacets(Array(counts.values)) }
        }
        var sections = Tally(), sources = Tally(), roles = Tally()
        var seqs = [Int64]()
        let cursor = try Row.fetchCursor(db, sql: "SELECT a.seq, a.section_key, a.section, a.outlet_key, a.outlet, a.role FROM \(from) \(whereClause)", arguments: arguments)
        while let row = try cursor.next() {
            seqs.append(row[0])
            sections.add(row[1], row[2])
            sources.add(row[3], row[4])
            roles.add(row[5], row[5])
        }
        // Entities and speakers are counted over at most the best-ranked `entityFacetSample` hits: a
        // word in half the archive has hundreds of thousands of entity rows behind it.
        var sample = seqs[...]
        if seqs.count > SearchResults.entityFacetSample {
            // The best-ranked hits, so the sample shows who the query is most about.
            sample = try best?[...] ?? Int64.fetchAll(
                db, sql: "SELECT a.seq FROM \(from) \(whereClause) ORDER BY \(order) LIMIT \(SearchResults.entityFacetSample)", arguments: arguments)[...]
        }
        let (entities, speakers) = try foldingEntities(try entityFacets(sample: Array(sample), in: db), in: db)
        return (seqs.count, [
            "section": sections.top, "source": sources.top, "role": roles.top,
            "entity": entities, "speaker": speakers,
        ])
    }

    /// Search hits for ranked (seq, score) pairs, in their order; seqs no longer stored are skipped.
    ///
    /// The rows are read ten at a time through one cached statement (unused places hold -1), by
    /// column index: an `IN (…)` list of literals compiled a new statement for every search, and
    /// copying whole rows (with each hit's document JSON, needed only for an article without
    /// paragraphs) took a tenth of a search request.
    static func hits(_ ranked: [(Int64, Double)], snippeter: Snippeter, foldingCopies: Bool, in db: Database) throws -> [SearchHit] {
        guard !ranked.isEmpty else { return [] }
        let width = 10
        let statement = try db.cachedStatement(sql: """
            SELECT a.seq, a.id, a.title, a.outlet, a.section, \(Self.shownPublished), a.url, t.body
            FROM articles a JOIN article_texts t ON t.seq = a.seq WHERE a.seq IN (\(Array(repeating: "?", count: width).joined(separator: ",")))
            """)
        var found = [Int64: SearchHit]()
        for start in stride(from: 0, to: ranked.count, by: width) {
            let group = ranked[start..<min(start + width, ranked.count)].map(\.0)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(group + Array(repeating: -1, count: width - group.count)))
            while let row = try rows.next() {
                let seq: Int64 = row[0]
                // Split on bytes: splitting the String walks Characters, 11% of a search with facets.
                var paragraphs = try row.withUnsafeData(atIndex: 7) { body in
                    body?.withUnsafeBytes { raw in
                        raw.split(separator: 0x0A, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
                    } ?? []
                }
                if paragraphs.isEmpty,
                   let summary = Self.summary(ofDocument: try String.fetchOne(db, sql: "SELECT document FROM article_texts WHERE seq = ?", arguments: [seq]))
                {
                    paragraphs = [summary]
                }
                found[seq] = SearchHit(
                    id: row[1], title: row[2], source: row[3], section: row[4], published: row[5], url: row[6],
                    snippet: snippeter.snippet(of: paragraphs), score: 0)
            }
        }
        let copies = try db.cachedStatement(sql: """
            SELECT c.outlet FROM articles o JOIN articles c ON c.duplicate_of = o.id AND c.exact_hash = o.exact_hash WHERE o.seq = ?
            """)
        return try ranked.compactMap { seq, score in
            guard var hit = found[seq] else { return nil }
            hit.score = score
            if foldingCopies {
                hit.alsoIn = Set(try String?.fetchAll(copies, arguments: [seq]).compactMap { $0 }).sorted()
            }
            return hit
        }
    }

    /// Entity and speaker facets over `sample` (the best-ranked hits), counted and ranked in SQL so
    /// that only the top names come back: a sample of 500 articles has thousands of entity rows.
    /// Ids go in as literals: they are integers we read.
    static func entityFacets(sample: [Int64], in db: Database) throws -> (entities: [FacetCount], speakers: [FacetCount]) {
        guard !sample.isEmpty else { return ([], []) }
        let limit = SearchResults.facetLimit
        let list = sample.map(String.init).joined(separator: ",")
        func top(_ sql: String) throws -> [FacetCount] {
            try Row.fetchAll(db, sql: sql).map { FacetCount(value: $0[1], count: $0[2]) }
        }
        let entities = try top("""
            SELECT name_key, min(name) AS label, count(DISTINCT article) AS n FROM entities WHERE article IN (\(list))
            GROUP BY name_key ORDER BY n DESC, label LIMIT \(limit)
            """)
        let speakers = try top("""
            SELECT speaker_key, min(speaker) AS label, count(DISTINCT article) AS n FROM quotes WHERE article IN (\(list)) AND speaker_key IS NOT NULL
            GROUP BY speaker_key ORDER BY n DESC, label LIMIT \(limit)
            """)
        return (entities, speakers)
    }

    /// The top facet values of counts, by count and then label.
    /// The entity and speaker facets folded by entity (``EntityFacets``), once names are resolved.
    static func foldingEntities(_ facets: (entities: [FacetCount], speakers: [FacetCount]), in db: Database) throws -> (entities: [FacetCount], speakers: [FacetCount]) {
        let keys = Set((facets.entities + facets.speakers).map { ArchiveKey.of($0.value) })
        guard !keys.isEmpty, try isResolved(db) else { return facets }
        let json = "[" + keys.sorted().map { DocumentJSON.string(.string($0), pretty: false) }.joined(separator: ",") + "]"
        var entities = [String: (id: Int64, name: String)]()
        for row in try Row.fetchAll(db, sql: EntityFacets.entitiesSQL(keysAt: "?", json: "json_each"), arguments: [json]) where entities[row[0]] == nil {
            entities[row[0]] = (row[1], row[2])
        }
        return (EntityFacets.fold(facets.entities, entities: entities), EntityFacets.fold(facets.speakers, entities: entities))
    }

    static func topFacets(_ counts: [(label: String, count: Int)]) -> [FacetCount] {
        counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
            .prefix(SearchResults.facetLimit).map { FacetCount(value: $0.label, count: $0.count) }
    }

    static func summary(ofDocument json: String?) -> String? {
        guard let json, let article = try? JSONDecoder().decode(Article.self, from: Data(json.utf8)) else { return nil }
        return article.summary
    }
}

/// The seqs of the exact copies (``SearchFilters/notAnExactCopy``), which
/// searches leave out, kept between searches.
///
/// Read again when the copies change, which the count and the newest seq of the articles with an
/// original tell (an index-only read of `articles_duplicate`): the linking stage only adds copies,
/// and a deleted copy lowers the count.
final class ExactCopySeqs: Sendable {
    private struct Kept {
        var key: [Int64]
        var seqs: Set<Int64>
    }

    private let kept = Mutex<Kept?>(nil)

    func seqs(in db: Database) throws -> Set<Int64> {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT count(*), coalesce(max(seq), 0) FROM articles WHERE duplicate_of IS NOT NULL"))
        let key: [Int64] = [row?[0] ?? 0, row?[1] ?? 0]
        if let kept = kept.withLock({ $0 }), kept.key == key { return kept.seqs }
        let seqs = Set(try Int64.fetchAll(db.cachedStatement(
            sql: "SELECT a.seq FROM articles a WHERE a.duplicate_of IS NOT NULL AND NOT \(SearchFilters.notAnExactCopy)")))
        kept.withLock { $0 = Kept(key: key, seqs: seqs) }
        return seqs
    }
}

/// What a search asks of FTS5 and the article rows: the conditions of its query and filters. The
/// search, its day counts and its export read the same plan, so they agree on the hits.
struct SQLSearchPlan {
    /// No words to match: the filters' articles, newest first.
    var browsing: Bool
    var conditions: [String]
    var arguments: StatementArguments
    /// How many of `conditions` come first and match text (they read no article rows).
    var matchConditions: Int

    /// Nil when nothing can match: the query's words were all dropped (punctuation only).
    init?(_ query: SearchQuery, filters: SearchFilters) {
        let positive = FTS5Query.positive(query)
        let negative = FTS5Query.negative(query)
        browsing = positive == nil
        if browsing, !query.text.trimmingCharacters(in: .whitespaces).isEmpty, query.excluded.isEmpty { return nil }
        conditions = []
        arguments = StatementArguments()
        if let positive {
            // Exclusions go into the same MATCH (FTS5's NOT intersects doclists), so they read no
            // article rows: a NOT IN subquery made SQLite look up every hit.
            conditions.append("articles_fts MATCH ?")
            _ = arguments.append(contentsOf: [negative.map { "(\(positive)) NOT (\($0))" } ?? positive])
        } else if let negative {
            conditions.append("a.seq NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            _ = arguments.append(contentsOf: [negative])
        }
        matchConditions = positive == nil ? 0 : 1
        SQLiteArchive.addFilters(filters, to: &conditions, &arguments)
    }

    /// The articles and, when text is matched, their FTS rows; FTS5 stays the outer loop.
    var from: String { browsing ? "articles a" : "articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid" }
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
