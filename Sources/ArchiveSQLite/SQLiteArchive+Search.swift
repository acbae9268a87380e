public import Archive
import Foundation
import GRDB
import NewsModel

extension SQLiteArchive {
    static let bm25 = "bm25(articles_fts, \(IndexDocument.weights[.title]!), \(IndexDocument.weights[.subtitle]!), \(IndexDocument.weights[.captions]!), \(IndexDocument.weights[.body]!))"

    /// Searches the archive. An empty query with filters lists the newest matching articles; a query
    /// whose words are all dropped (punctuation only) has no hits.
    public func search(_ request: SearchRequest) async throws -> SearchResults {
        let filters = try request.filters.validated()
        let query = request.query
        let positive = FTS5Query.positive(query)
        let negative = FTS5Query.negative(query)
        let browsing = positive == nil
        if browsing, !query.text.trimmingCharacters(in: .whitespaces).isEmpty, query.excluded.isEmpty {
            return SearchResults(total: 0, hits: [], facets: [:])
        }
        var filterConditions = [String]()
        var filterArguments = StatementArguments()
        if let positive {
            filterConditions.append("articles_fts MATCH ?")
            _ = filterArguments.append(contentsOf: [positive])
        }
        if let negative {
            filterConditions.append("a.seq NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            _ = filterArguments.append(contentsOf: [negative])
        }
        Self.addFilters(filters, to: &filterConditions, &filterArguments)
        let from = browsing ? "articles a" : "articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
        let whereClause = filterConditions.isEmpty ? "" : "WHERE " + filterConditions.joined(separator: " AND ")
        let order: String
        let score: String
        switch (request.order, browsing) {
        case (_, true), (.newest, _):
            score = browsing ? "0.0" : "-\(Self.bm25)"
            order = "a.published DESC, a.seq DESC"
        case (.relevance, false):
            score = "-\(Self.bm25)"
            order = "\(Self.bm25), a.seq"
        case (.recency(let halfLife), false):
            score = "-\(Self.bm25) * marsad_decay(a.published, (SELECT julianday(max(published)) - 2440587.5 FROM articles), \(max(0.01, halfLife)))"
            order = "score DESC, a.seq"
        }
        let snippeter = Snippeter(query: query)
        let (arguments, conditions) = (filterArguments, filterConditions)
        do {
            return try await writer.read { db in
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) \(whereClause)", arguments: arguments) ?? 0
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.title, a.outlet, a.section, a.published, a.url, a.body, a.document, \(score) AS score
                        FROM \(from) \(whereClause) ORDER BY \(order) LIMIT \(request.limit) OFFSET \(request.offset)
                        """,
                    arguments: arguments)
                let hits = rows.map { row -> SearchHit in
                    let body: String = row["body"]
                    var paragraphs = body.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                    if paragraphs.isEmpty, let summary = Self.summary(ofDocument: row["document"]) { paragraphs = [summary] }
                    return SearchHit(
                        id: row["id"], title: row["title"], source: row["outlet"], section: row["section"],
                        published: row["published"], url: row["url"], snippet: snippeter.snippet(of: paragraphs),
                        score: row["score"] ?? 0)
                }
                let facets = request.facets && total > 0 ? try Self.facets(from: from, conditions: conditions, arguments: arguments, in: db) : [:]
                return SearchResults(total: total, hits: hits, facets: facets)
            }
        } catch let error as DatabaseError {
            // Our MATCH expressions are quoted, so an FTS5 syntax error here would be our bug; report
            // it plainly rather than as SQL.
            throw ArchiveError.invalidRequest(field: "query", reason: error.message ?? "\(error.resultCode)")
        }
    }

    static func addFilters(_ filters: SearchFilters, to conditions: inout [String], _ arguments: inout StatementArguments) {
        if let section = filters.section {
            conditions.append("a.section_key = ?")
            _ = arguments.append(contentsOf: [ArchiveKey.of(section)])
        }
        if let source = filters.source {
            conditions.append("a.outlet_key = ?")
            _ = arguments.append(contentsOf: [ArchiveKey.of(source)])
        }
        if let from = filters.from {
            conditions.append("a.published >= ?")
            _ = arguments.append(contentsOf: [from])
        }
        if let to = filters.to {
            conditions.append("a.published < ?")
            _ = arguments.append(contentsOf: [ArchiveDates.inclusiveUpperBound(to)])
        }
        if let role = filters.role {
            conditions.append("a.role = ?")
            _ = arguments.append(contentsOf: [role.rawValue])
        }
        if let entity = filters.entity {
            conditions.append("a.seq IN (SELECT article FROM entity_keys WHERE key = ?)")
            _ = arguments.append(contentsOf: [ArchiveKey.of(entity)])
        }
        if let speaker = filters.speaker {
            conditions.append("a.seq IN (SELECT article FROM quotes WHERE speaker_key = ?)")
            _ = arguments.append(contentsOf: [ArchiveKey.of(speaker)])
        }
    }

    /// Facet counts over every hit, not just the page shown.
    static func facets(from: String, conditions: [String], arguments: StatementArguments, in db: Database) throws -> [String: [FacetCount]] {
        let limit = SearchResults.facetLimit
        func whereClause(_ extra: String...) -> String {
            let all = conditions + extra
            return all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND ")
        }
        func counts(_ sql: String) throws -> [FacetCount] {
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                guard let value = row[0] as String? else { return nil }
                return FacetCount(value: value, count: row[1])
            }
        }
        let matched = "SELECT a.seq FROM \(from) \(whereClause())"
        return [
            "section": try counts("SELECT min(a.section), count(*) AS n FROM \(from) \(whereClause("a.section_key IS NOT NULL")) GROUP BY a.section_key ORDER BY n DESC, 1 LIMIT \(limit)"),
            "source": try counts("SELECT min(a.outlet), count(*) AS n FROM \(from) \(whereClause("a.outlet_key IS NOT NULL")) GROUP BY a.outlet_key ORDER BY n DESC, 1 LIMIT \(limit)"),
            "role": try counts("SELECT a.role, count(*) AS n FROM \(from) \(whereClause()) GROUP BY a.role ORDER BY n DESC, 1"),
            "entity": try counts("SELECT min(e.name), count(DISTINCT e.article) AS n FROM entities e WHERE e.article IN (\(matched)) GROUP BY e.name_key ORDER BY n DESC, 1 LIMIT \(limit)"),
            "speaker": try counts("SELECT min(q.speaker), count(DISTINCT q.article) AS n FROM quotes q WHERE q.article IN (\(matched)) AND q.speaker_key IS NOT NULL GROUP BY q.speaker_key ORDER BY n DESC, 1 LIMIT \(limit)"),
        ]
    }

    static func summary(ofDocument json: String?) -> String? {
        guard let json, let article = try? JSONDecoder().decode(Article.self, from: Data(json.utf8)) else { return nil }
        return article.summary
    }
}
