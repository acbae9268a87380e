public import Archive
import Foundation
import NewsModel
import PostgresNIO

extension PostgresArchive {
    /// Searches the archive. An empty query with filters lists the newest matching articles; a query
    /// whose words are all dropped (punctuation only) has no hits.
    ///
    /// The hits are those SQLite finds for the same query (the same terms, cut the same way). The
    /// first page of a relevance search is ranked by BM25 and closeness as SQLite ranks it
    /// (``relevancePage``); later pages and related articles by `ts_rank_cd` with field weights.
    /// SQLite orders NULL dates first ascending and last descending; the SQL here says so explicitly.
    public func search(_ request: SearchRequest) async throws -> SearchResults {
        let filters = try request.filters.validated()
        let query = request.query
        guard let plan = PostgresSearchPlan(query, filters: filters) else { return SearchResults(total: 0, hits: [], facets: [:]) }
        let (browsing, binds, conditions, matched, from, whereClause) = (plan.browsing, plan.binds, plan.conditions, plan.matched, plan.from, plan.whereClause)
        let counting = plan.countSQL
        let rank = matched.map { "ts_rank_cd(\(TextSearch.rankWeights), f.vector, \($0)::tsquery)::float8" } ?? "0.0::float8"
        let order: String
        let score: String
        switch (request.order, browsing) {
        case (_, true), (.newest, _):
            score = rank
            order = "a.published DESC NULLS LAST, a.seq DESC"
        case (.relevance, false):
            score = rank
            order = "score DESC, a.seq"
        case (.recency(let halfLife), false):
            score = "\(rank) * marsad_decay(a.published, (SELECT marsad_day(max(published))::float8 FROM articles), \(max(0.01, halfLife))::float8)"
            order = "score DESC, a.seq"
        }
        let snippeter = Snippeter(query: query)
        // Relevance ranks the best hits by cover density with BM25 instead, then by how close the
        // words stand, as SQLite does (``relevancePage``).
        var seen = Set<String>()
        let terms = query.proximityTerms.filter { seen.insert($0).inserted }
        let reranking = request.order == .relevance && !browsing && !terms.isEmpty && request.offset + request.limit <= Self.bm25Candidates
        let arguments = binds
        let logger = self.logger
        return try await read { connection in
            let total = try await Self.rows(counting ?? "SELECT count(*) AS n FROM \(from) \(whereClause)", arguments, on: connection, logger: logger)[0].int("n")
            let columns = """
                a.id, a.title, a.outlet, a.section, \(Self.shownPublished), a.url, a.body, a.document, \(score) AS score,
                    \(filters.includeCopies ? "NULL" : "(SELECT json_agg(DISTINCT c.outlet)::text FROM articles c WHERE c.duplicate_of = a.id AND c.exact_hash = a.exact_hash)") AS also_in
                """
            let hits: [SearchHit]
            if reranking {
                // RUM's distance alone: a second sort key keeps the planner from the index's ordered scan.
                let candidates = self.ordersByRUM && matched != nil ? "f.vector <=> \(matched ?? "")::tsquery" : "score DESC, a.seq"
                let page = try await Self.relevancePage(
                    terms, request: request, from: from, whereClause: whereClause, score: score, order: candidates, arguments, on: connection, logger: logger)
                var pageBinds = arguments
                let seqs = pageBinds.add(array: page.map(\.seq))
                let rows = try await Self.rows(
                    "SELECT a.seq, \(columns) FROM \(from) \(whereClause.isEmpty ? "WHERE" : whereClause + " AND") a.seq = ANY(\(seqs)::int8[])",
                    pageBinds, on: connection, logger: logger)
                var bySeq = [Int64: PostgresRandomAccessRow]()
                for row in rows { bySeq[try row.int64("seq")] = row }
                hits = try page.compactMap { ranked in try bySeq[ranked.seq].map { try Self.hit($0, snippeter: snippeter, score: ranked.score) } }
            } else {
                hits = try await Self.rows(
                    "SELECT \(columns) FROM \(from) \(whereClause) ORDER BY \(order) LIMIT \(request.limit) OFFSET \(request.offset)",
                    arguments, on: connection, logger: logger
                ).map { try Self.hit($0, snippeter: snippeter, score: nil) }
            }
            let facets = request.facets && total > 0
                ? try await Self.foldingEntities(try await Self.facets(from: from, conditions: conditions, binds: arguments, on: connection, logger: logger), connection, logger)
                : [:]
            return SearchResults(total: total, hits: hits, facets: facets)
        }
    }

    /// The total of a query that matches text: the matching articles first (the GIN index's bitmap),
    /// then the filters over just those. Joined in one statement, the planner walked every article
    /// in key order and tested its vector (720 ms for a word in 13,555 of 31,525 articles, against
    /// about 120). Nil when nothing matches text (browsing), where the plain count serves.
    static func countSQL(matching: [String], filters: [String]) -> String? {
        guard !matching.isEmpty else { return nil }
        let match = "SELECT f.article FROM articles_fts f WHERE " + matching.joined(separator: " AND ")
        guard !filters.isEmpty else { return "SELECT count(*) AS n FROM (\(match)) m" }
        return "WITH m AS MATERIALIZED (\(match)) SELECT count(*) AS n FROM m JOIN articles a ON a.seq = m.article WHERE "
            + filters.joined(separator: " AND ")
    }

    /// One hit from its row; `score` replaces the row's when the page was ranked again.
    static func hit(_ row: PostgresRandomAccessRow, snippeter: Snippeter, score: Double?) throws -> SearchHit {
        var paragraphs = try row.string("body").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if paragraphs.isEmpty, let summary = Self.summary(ofDocument: try row.string("document")) { paragraphs = [summary] }
        return SearchHit(
            id: try row.string("id"), title: try row.string("title"), source: try row.optionalString("outlet"),
            section: try row.optionalString("section"), published: try row.optionalString("published"),
            url: try row.optionalString("url"), snippet: snippeter.snippet(of: paragraphs), score: try score ?? row.double("score"),
            alsoIn: Self.outlets(json: try row.optionalString("also_in")))
    }

    /// Hits scored by BM25: the best of cover density (`ts_rank_cd`, which the GIN index answers).
    static let bm25Candidates = 100

    /// The page of a relevance search: the best ``bm25Candidates`` hits by cover density, scored
    /// again by BM25 from their index terms and the archive's document frequencies (kept by the
    /// linking stage; cover density stands until the first refresh), the best
    /// ``ProximityRanker/depth`` of them reordered by closeness, then cut to the request's page.
    static func relevancePage(
        _ terms: [String], request: SearchRequest, from: String, whereClause: String, score: String, order: String,
        _ arguments: Binds, on connection: PostgresConnection, logger: Logger
    ) async throws -> [(seq: Int64, score: Double)] {
        let rows = try await Self.rows(
            """
            SELECT a.seq, f.title AS t0, f.subtitle AS t1, f.captions AS t2, f.body AS t3, \(score) AS score FROM \(from) \(whereClause)
            ORDER BY \(order) LIMIT \(bm25Candidates)
            """, arguments, on: connection, logger: logger)
        let stats = try await termStats(terms, on: connection, logger: logger)
        var base = [(seq: Int64, score: Double)](), fields = [Int64: [String]]()
        for row in rows {
            let seq = try row.int64("seq")
            let text: [IndexDocument.Field: String] = [
                .title: try row.string("t0"), .subtitle: try row.string("t1"), .captions: try row.string("t2"), .body: try row.string("t3"),
            ]
            base.append((seq, try stats.map { bm25(text, terms: terms, stats: $0) } ?? row.double("score")))
            fields[seq] = [text[.title] ?? "", text[.body] ?? ""]
        }
        base.sort { $0.score != $1.score ? $0.score > $1.score : $0.seq < $1.seq }
        if let ranker = ProximityRanker(terms: terms) { base = ranker.rerankBest(base) { _ in fields } }
        return Array(base.dropFirst(request.offset).prefix(request.limit))
    }

    static func addFilters(_ filters: SearchFilters, to conditions: inout [String], _ binds: inout Binds) {
        conditions += filters.sqlConditions { binds.add($0) }
    }

    /// The entity and speaker facets folded by entity (``EntityFacets``), once names are resolved.
    static func foldingEntities(_ facets: [String: [FacetCount]], _ connection: PostgresConnection, _ logger: Logger) async throws -> [String: [FacetCount]] {
        let keys = Set(((facets["entity"] ?? []) + (facets["speaker"] ?? [])).map { ArchiveKey.of($0.value) })
        guard !keys.isEmpty, try await isResolved(connection, logger) else { return facets }
        var binds = Binds()
        let json = "[" + keys.sorted().map { DocumentJSON.string(.string($0), pretty: false) }.joined(separator: ",") + "]"
        var entities = [String: (id: Int64, name: String)]()
        for row in try await rows(EntityFacets.entitiesSQL(keysAt: "\(binds.add(json))::json", json: "json_array_elements_text"), binds, on: connection, logger: logger) {
            let key = try row.string("key")
            if entities[key] == nil { entities[key] = (try row.int64("id"), try row.string("name")) }
        }
        var folded = facets
        for kind in ["entity", "speaker"] { folded[kind] = EntityFacets.fold(facets[kind] ?? [], entities: entities) }
        return folded
    }

    /// Facet counts over every hit, not just the page shown.
    static func facets(
        from: String, conditions: [String], binds: Binds, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String: [FacetCount]] {
        let limit = SearchResults.facetLimit
        func whereClause(_ extra: String...) -> String {
            let all = conditions + extra
            return all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")
        }
        func counts(_ sql: String) async throws -> [FacetCount] {
            try await rows(sql, binds, on: connection, logger: logger).compactMap { row in
                guard let value = try row.optionalString("value") else { return nil }
                return FacetCount(value: value, count: try row.int("n"))
            }
        }
        let matched = "SELECT a.seq FROM \(from) \(whereClause())"
        return [
            "section": try await counts(
                "SELECT min(a.section) AS value, count(*) AS n FROM \(from) \(whereClause("a.section_key IS NOT NULL")) GROUP BY a.section_key ORDER BY n DESC, 1 LIMIT \(limit)"),
            "source": try await counts(
                "SELECT min(a.outlet) AS value, count(*) AS n FROM \(from) \(whereClause("a.outlet_key IS NOT NULL")) GROUP BY a.outlet_key ORDER BY n DESC, 1 LIMIT \(limit)"),
            "role": try await counts("SELECT a.role AS value, count(*) AS n FROM \(from) \(whereClause()) GROUP BY a.role ORDER BY n DESC, 1"),
            "entity": try await counts(
                "SELECT min(e.name) AS value, count(DISTINCT e.article) AS n FROM entities e WHERE e.article IN (\(matched)) GROUP BY e.name_key ORDER BY n DESC, 1 LIMIT \(limit)"),
            "speaker": try await counts(
                "SELECT min(q.speaker) AS value, count(DISTINCT q.article) AS n FROM quotes q WHERE q.article IN (\(matched)) AND q.speaker_key IS NOT NULL GROUP BY q.speaker_key ORDER BY n DESC, 1 LIMIT \(limit)"),
        ]
    }

    static func summary(ofDocument json: String) -> String? {
        (try? JSONDecoder().decode(Article.self, from: Data(json.utf8)))?.summary
    }
}

extension PostgresArchive {
    /// The outlets of a JSON array that `json_agg` made (nulls and repeats left out), sorted.
    static func outlets(json: String?) -> [String] {
        guard let json, let values = try? JSONDecoder().decode([String?].self, from: Data(json.utf8)) else { return [] }
        return Set(values.compactMap { $0 }).sorted()
    }
}

/// What a search asks of PostgreSQL: the text match and the filters' conditions. The search, its
/// day counts and its export read the same plan, so they agree on the hits.
struct PostgresSearchPlan {
    /// No words to match: the filters' articles, newest first.
    var browsing: Bool
    var binds = Binds()
    var conditions = [String]()
    /// How many of `conditions` come first and match text.
    var matchConditions = 0
    /// The bound tsquery parameter of the words to match.
    var matched: String?
    var hasExclusions: Bool

    /// Nil when nothing can match: the query's words were all dropped (punctuation only).
    init?(_ query: SearchQuery, filters: SearchFilters) {
        let positive = TextSearch.positive(query)
        let negative = TextSearch.negative(query)
        browsing = positive == .none
        hasExclusions = negative != nil
        if browsing, !query.text.trimmingCharacters(in: .whitespaces).isEmpty, query.excluded.isEmpty { return nil }
        if positive == .nothing { return nil }
        if case .query(let text) = positive {
            let parameter = binds.add(text)
            matched = parameter
            conditions.append("f.vector @@ \(parameter)::tsquery")
        }
        if let negative {
            conditions.append("NOT (f.vector @@ \(binds.add(negative))::tsquery)")
        }
        matchConditions = conditions.count
        PostgresArchive.addFilters(filters, to: &conditions, &binds)
    }

    var from: String { browsing && !hasExclusions ? "articles a" : "articles a JOIN articles_fts f ON f.article = a.seq" }
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    /// ``PostgresArchive/countSQL(matching:filters:)`` of this plan.
    var countSQL: String? {
        PostgresArchive.countSQL(matching: Array(conditions.prefix(matchConditions)), filters: Array(conditions.dropFirst(matchConditions)))
    }
}
