public import Archive
import Foundation
import GRDB
import NewsModel
import TermIndex

extension SQLiteArchive {
    /// Answers a query that requires something from the term index: every hit is scored over compact
    /// postings, filters and the section, source and role facets read the doc table, and only the
    /// page of hits (and the entity and speaker sample) reads article rows. FTS5 is asked only where
    /// phrases occur. Nil when the index cannot answer (an archive still being indexed, a section
    /// past the code table); the caller then asks FTS5 for everything.
    func indexedSearch(_ request: SearchRequest, filters: SearchFilters) async throws -> SearchResults? {
        let (query, termIndex, facetCache) = (request.query, self.termIndex, self.facetCache)
        let snippeter = Snippeter(query: query)
        return try await reading { db -> SearchResults? in
            guard let snapshot = try termIndex.snapshot(db) else { return nil }
            let empty = SearchResults(total: 0, hits: [], facets: [:])
            let filter: DocFilter, tokens: TokenQuery
            switch try self.indexPlan(query, filters: filters, snapshot: snapshot, in: db) {
            case .unanswerable: return nil
            case .nothing: return empty
            case .plan(let planned, let planTokens): (filter, tokens) = (planned, planTokens)
            }
            let ranking: IndexRanking
            switch request.order {
            case .relevance: ranking = .relevance
            case .newest: ranking = .newest
            case .recency(let halfLife):
                let newest = try Double.fetchOne(db, sql: "SELECT julianday(max(published)) - 2440587.5 FROM articles")
                let half = max(0.01, halfLife)
                ranking = .decayed { key in
                    guard let newest, let day = PublishedKey.day(key) else { return 0.5 }
                    return pow(0.5, max(0, newest - Double(day)) / half)
                }
            }
            let sample = SearchResults.entityFacetSample
            let wanted = request.offset + request.limit
            // Relevance reorders the best hits by how close the words stand (ProximityRanker).
            let ranker = request.order == .relevance && request.offset < ProximityRanker.depth
                ? ProximityRanker(terms: query.proximityTerms) : nil
            let found = try snapshot.searcher.search(
                tokens, filter: filter, ranking: ranking,
                limit: max(wanted, request.facets ? sample : 0, ranker == nil ? 0 : ProximityRanker.depth),
                facets: request.facets, source: StoredPostings(db: db))
            var top = found.top.map { (seq: $0.seq, score: $0.score) }
            if let ranker { top = try ranker.rerankBest(top) { try Self.rankedFields($0, in: db) } }
            let page = top.dropFirst(request.offset).prefix(request.limit)
            let hits = try Self.hits(Array(page), snippeter: snippeter, foldingCopies: !filters.includeCopies, in: db)
            guard request.facets, found.total > 0 else { return SearchResults(total: found.total, hits: hits, facets: [:]) }
            func counted<Code>(_ counts: [Code: Int], _ kind: String) -> [FacetCount] where Code: BinaryInteger {
                Self.topFacets(counts.compactMap { code, n in
                    snapshot.labels[kind]?[UInt16(code)].map { (label: $0, count: n) }
                })
            }
            let best = found.top.prefix(sample).map(\.seq)
            let (entities, speakers) = try Self.foldingEntities(try snapshot.facets.map {
                try SearchFacets.count(sample: best, codes: $0, generation: snapshot.generation, in: db, cache: facetCache)
            } ?? Self.entityFacets(sample: best, in: db), in: db)
            return SearchResults(total: found.total, hits: hits, facets: [
                "section": counted(found.sections, "section"), "source": counted(found.outlets, "outlet"), "role": counted(found.roles, "role"),
                "entity": entities, "speaker": speakers,
            ])
        }
    }

    /// What the term index is asked for a query and filters.
    enum IndexPlan {
        /// The index cannot answer (an archive still being indexed, a value past the code table,
        /// an unreadable date): FTS5 answers instead.
        case unanswerable
        /// No article can match (a filter value no article has).
        case nothing
        case plan(DocFilter, TokenQuery)
    }

    /// The doc filter and token query of a search over the index; the search, its day counts and
    /// its export share it, so they agree on the hits.
    func indexPlan(_ query: SearchQuery, filters: SearchFilters, snapshot: TermIndexCache.Snapshot, in db: Database) throws -> IndexPlan {
        var filter = DocFilter()
        func code(_ kind: String, _ key: String) -> UInt16?? {
            guard let code = snapshot.codes[kind]?[key] else { return .some(nil) }
            return code == SearchSegments.Codes.overflow ? nil : code
        }
        for (kind, value) in [("section", filters.section), ("outlet", filters.source), ("role", filters.role?.rawValue)] {
            guard let value else { continue }
            guard let found = code(kind, kind == "role" ? value : ArchiveKey.of(value)) else { return .unanswerable }
            guard let found else { return .nothing }  // no article has it
            switch kind {
            case "section": filter.section = found
            case "outlet": filter.outlet = found
            default: filter.role = UInt8(clamping: found)
            }
        }
        if let from = filters.from {
            guard let key = PublishedKey.key(from) else { return .unanswerable }
            filter.from = key
        }
        if let to = filters.to {
            guard let key = PublishedKey.key(to, upperBound: true) else { return .unanswerable }
            filter.to = key
        }
        if let entity = filters.entity {
            filter.allowed = Set(try Int64.fetchAll(
                db, sql: "SELECT article FROM entity_keys WHERE key = ? OR key IN (\(EntityAliasSQL.keys(ofNameAt: "?")))",
                arguments: [ArchiveKey.of(entity), ArchiveKey.of(entity)]))
        }
        if let speaker = filters.speaker {
            let quoted = Set(try Int64.fetchAll(db, sql: "SELECT article FROM quotes WHERE speaker_key = ?", arguments: [ArchiveKey.of(speaker)]))
            filter.allowed = filter.allowed.map { $0.intersection(quoted) } ?? quoted
        }
        if filter.allowed?.isEmpty == true { return .nothing }
        if !filters.includeCopies { filter.excluded = try exactCopies.seqs(in: db) }
        let tokens = TokenQuery(
            groups: try query.required.map { group in try group.map { try Self.tokenAtom($0, in: db) } },
            excluded: try query.excluded.map { try Self.tokenAtom($0, in: db) })
        return .plan(filter, tokens)
    }

    /// The title and body index terms of articles, for ``ProximityRanker``.
    static func rankedFields(_ seqs: [Int64], in db: Database) throws -> [Int64: [String]] {
        guard !seqs.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db, sql: "SELECT rowid, title, body FROM articles_fts WHERE rowid IN (\(seqs.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(seqs))
        return Dictionary(rows.map { (($0["rowid"] as Int64), [$0["title"] as String? ?? "", $0["body"] as String? ?? ""]) }, uniquingKeysWith: { a, _ in a })
    }

    /// A query atom in index tokens. Where FTS5's tokenizer would cut an atom into several tokens
    /// (a phrase, or a term holding ASCII punctuation), FTS5 says which articles hold the sequence.
    static func tokenAtom(_ atom: SearchQuery.Atom, in db: Database) throws -> TokenQuery.Atom {
        func occurrences() throws -> [Int64] {
            var seqs = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"), arguments: [FTS5Query.render(atom)])
            if !zip(seqs, seqs.dropFirst()).allSatisfy({ $0 < $1 }) { seqs.sort() }
            return seqs
        }
        switch atom {
        case .term(let term):
            let pieces = SegmentBuilder.tokens(of: term)
            return pieces.count == 1 ? .token(pieces[0]) : .phrase(pieces, matching: pieces.isEmpty ? [] : try occurrences())
        case .prefix(let prefix):
            let pieces = SegmentBuilder.tokens(of: prefix)
            return pieces.count == 1 ? .prefix(pieces[0]) : .phrase(Array(pieces.dropLast()), matching: pieces.isEmpty ? [] : try occurrences())
        case .phrase(let terms):
            let pieces = SegmentBuilder.tokens(of: terms.joined(separator: " "))
            return .phrase(pieces, matching: pieces.isEmpty ? [] : try occurrences())
        }
    }
}
