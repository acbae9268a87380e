public import Archive
import Foundation
import NewsModel
import PostgresNIO

extension PostgresArchive {
    /// The columns of an ``ArticleSummary``, with the first image's caption and credit.
    static let summaryColumns = """
        a.id, a.title, a.outlet, a.section, \(shownPublished), a.url, a.role, a.lead, a.seq,
        (SELECT i.caption FROM images i WHERE i.article = a.seq ORDER BY i.position LIMIT 1) AS image_caption,
        (SELECT i.credit FROM images i WHERE i.article = a.seq ORDER BY i.position LIMIT 1) AS image_credit
        """
    /// `published` as the source wrote it, where the sort key moved it to UTC.
    static let shownPublished = "coalesce(a.published_local, a.published) AS published"

    static func summary(_ row: PostgresRandomAccessRow) throws -> ArticleSummary {
        let image = try row.optionalString("image_caption").map { Image(caption: $0, credit: try row.optionalString("image_credit")) }
        return ArticleSummary(
            id: try row.string("id"), title: try row.string("title"), source: try row.optionalString("outlet"),
            section: try row.optionalString("section"), published: try row.optionalString("published"), url: try row.optionalString("url"),
            role: Article.Role(rawValue: try row.string("role")) ?? .main, lead: try row.optionalString("lead"), image: image)
    }

    public func article(id: String) async throws -> StoredArticle? {
        let logger = self.logger
        return try await read { connection in
            var binds = Binds()
            return try await Self.rows(
                "SELECT \(Self.storedColumns) FROM articles a JOIN pages p ON p.id = a.page_id WHERE a.id = \(binds.add(id))", binds, on: connection,
                logger: logger
            ).first.map { try Self.storedRow($0).decoded() }
        }
    }

    /// The columns ``stored(_:)`` reads, from `articles a` joined with `pages p`.
    static let storedColumns = "a.seq, a.id, a.document, a.body, a.outlet, a.duplicate_of, a.story_id, p.source, p.ingested"

    /// A stored row from its row (``storedColumns``).
    static func storedRow(_ row: PostgresRandomAccessRow) throws -> StoredRow {
        StoredRow(
            id: try row.string("id"), document: try row.string("document"), body: try row.string("body"), outlet: try row.optionalString("outlet"),
            duplicateOf: try row.optionalString("duplicate_of"), storyID: try row.optionalInt64("story_id"), pageSource: try row.string("source"),
            ingested: try row.string("ingested"))
    }

    public func latest(_ request: ListRequest) async throws -> [ArticleSummary] {
        let filters = try request.filters.validated()
        var conditions = [String]()
        var binds = Binds()
        Self.addFilters(filters, to: &conditions, &binds)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let (arguments, logger) = (binds, self.logger)
        return try await read { connection in
            try await Self.rows(
                """
                SELECT \(Self.summaryColumns) FROM articles a \(whereClause)
                ORDER BY a.published DESC NULLS LAST, a.seq DESC LIMIT \(request.limit) OFFSET \(request.offset)
                """, arguments, on: connection, logger: logger
            ).map(Self.summary)
        }
    }

    /// Articles like this one: an OR query of its characteristic terms (``RelatedQuery``), ranked by
    /// `ts_rank_cd`, leaving out the article itself, its copies and what it copies.
    public func related(to id: String, limit: Int) async throws -> [ArticleSummary] {
        let logger = self.logger
        return try await read { connection in
            var binds = Binds()
            guard let row = try await Self.rows(
                """
                SELECT a.seq, a.exact_hash, coalesce(a.duplicate_of, a.id) AS original, f.title, f.body
                FROM articles a JOIN articles_fts f ON f.article = a.seq WHERE a.id = \(binds.add(id))
                """, binds, on: connection, logger: logger
            ).first else { return [] }
            guard let probe = TextSearch.related(title: try row.string("title"), body: try row.string("body")) else { return [] }
            let original = try row.string("original")
            binds = Binds()
            let query = binds.add(probe)
            return try await Self.rows(
                """
                SELECT \(Self.summaryColumns) FROM articles_fts f JOIN articles a ON a.seq = f.article
                WHERE f.vector @@ \(query)::tsquery AND a.seq != \(binds.add(try row.int64("seq")))
                  AND a.exact_hash != \(binds.add(try row.int64("exact_hash")))
                  AND a.id != \(binds.add(original)) AND coalesce(a.duplicate_of, '') != \(binds.add(original))
                ORDER BY ts_rank_cd(\(TextSearch.rankWeights), f.vector, \(query)::tsquery) DESC, a.seq
                LIMIT \(max(0, min(limit, 100)))
                """, binds, on: connection, logger: logger
            ).map(Self.summary)
        }
    }

    public func quotes(_ request: QuoteRequest) async throws -> [QuoteRecord] {
        var conditions = [String]()
        var binds = Binds()
        if let speaker = request.speaker {
            // Any alias of the speaker's entity, once resolved.
            let key = ArchiveKey.of(speaker)
            conditions.append("(q.speaker_key = \(binds.add(key)) OR q.speaker_key IN (\(EntityAliasSQL.keys(ofNameAt: binds.add(key)))))")
        }
        if let kind = request.kind {
            conditions.append("q.kind = \(binds.add(kind.rawValue))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let (arguments, logger) = (binds, self.logger)
        return try await read { connection in
            // Each quote once (QuoteFolding): the page's distinct quotes, newest first, then every
            // article that carried them.
            var collector = QuoteFolding.KeyCollector(needed: request.offset + request.limit)
            var read = 0
            while !collector.isFull {
                let rows = try await Self.rows(
                    """
                    SELECT q.text, q.speaker_key FROM quotes q JOIN articles a ON a.seq = q.article \(whereClause)
                    ORDER BY a.published DESC NULLS LAST, a.seq DESC, q.position LIMIT \(QuoteFolding.chunk) OFFSET \(read)
                    """, arguments, on: connection, logger: logger)
                for row in rows { collector.add(QuoteFolding.Key(text: try row.string("text"), speakerKey: try row.optionalString("speaker_key"))) }
                read += rows.count
                if rows.count < QuoteFolding.chunk { break }
            }
            let keys = Array(collector.keys.dropFirst(request.offset))
            guard !keys.isEmpty else { return [] }
            var binds = Binds()
            // Texts as the store holds them (without NUL, which PostgreSQL text cannot hold).
            binds.bindings.append(Array(Set(keys.map { $0.text.replacingOccurrences(of: "\u{0}", with: "") })))
            let texts = "$1::text[]"
            let carriers = try await Self.rows(
                """
                SELECT q.text, q.speaker_key, q.speaker, q.kind, q.cue, a.seq, q.position, a.id, a.title, a.outlet, \(Self.shownPublished), a.url
                FROM quotes q JOIN articles a ON a.seq = q.article WHERE q.text = ANY(\(texts))
                """, binds, on: connection, logger: logger
            ).map { row in
                QuoteFolding.Carrier(
                    key: QuoteFolding.Key(text: try row.string("text"), speakerKey: try row.optionalString("speaker_key")),
                    speaker: try row.optionalString("speaker"), kind: Quote.Kind(rawValue: try row.string("kind")) ?? .direct,
                    cue: try row.optionalString("cue"), seq: try row.int64("seq"), position: try row.int("position"), articleID: try row.string("id"),
                    title: try row.string("title"), outlet: try row.optionalString("outlet"), published: try row.optionalString("published"),
                    url: try row.optionalString("url"))
            }
            return QuoteFolding.records(keys, carriers: carriers)
        }
    }

    /// Entities as names, for an archive that has not resolved them (``resolveEntities()``).
    func unresolvedEntities(_ request: EntityRequest) async throws -> [EntitySummary] {
        var conditions = [String]()
        var binds = Binds()
        if let type = request.type {
            conditions.append("e.type = \(binds.add(type.rawValue))")
        }
        if let name = request.name {
            // The canonical name, or any written form of it (SQLite's LIKE ignores ASCII case: ILIKE).
            let key = ArchiveKey.of(name)
            conditions.append(
                "e.article IN (SELECT article FROM entity_keys WHERE key = \(binds.add(key))) AND (e.name_key = \(binds.add(key)) OR e.mentions ILIKE \(binds.add(ArchiveKey.mentionPattern(name))) ESCAPE '\\')")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let (arguments, logger) = (binds, self.logger)
        return try await read { connection in
            try await Self.rows(
                """
                SELECT min(e.name) AS name, e.type, count(DISTINCT e.article) AS n, sum(e.count)::bigint AS mentions,
                    min(a.published) AS first, max(a.published) AS last
                FROM entities e JOIN articles a ON a.seq = e.article \(whereClause)
                GROUP BY e.name_key, e.type ORDER BY n DESC, 1 LIMIT \(request.limit)
                """, arguments, on: connection, logger: logger
            ).map { row in
                EntitySummary(
                    name: try row.string("name"), type: Entity.Kind(rawValue: try row.string("type")) ?? .organization,
                    articles: try row.int("n"), mentions: try row.int("mentions"), first: try row.optionalString("first"),
                    last: try row.optionalString("last"))
            }
        }
    }

    /// The title of the story whose id is `story` (a column): its most central original's, else its
    /// first original's.
    static func storyTitle(_ story: String) -> String {
        """
        coalesce(
            (SELECT a2.title FROM story_profiles p JOIN articles a2 ON a2.seq = p.central
             WHERE p.story = \(story) AND a2.story_id = \(story) AND a2.duplicate_of IS NULL),
            (SELECT title FROM articles WHERE story_id = \(story) AND duplicate_of IS NULL ORDER BY published NULLS FIRST, seq LIMIT 1))
        """
    }

    static let storyColumns = """
        s.id, \(storyTitle("s.id")) AS title,
        count(a.seq) AS n, count(DISTINCT a.outlet_key) AS sources, min(a.published) AS first, max(a.published) AS last
        """

    /// One story's summary, its counts over its originals.
    static func storySummary(_ id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> StorySummary? {
        var binds = Binds()
        return try await rows(
            "SELECT \(storyColumns) FROM stories s JOIN articles a ON a.story_id = s.id WHERE s.id = \(binds.add(id)) AND a.duplicate_of IS NULL GROUP BY s.id",
            binds, on: connection, logger: logger
        ).first.map(story)
    }

    static func story(_ row: PostgresRandomAccessRow) throws -> StorySummary {
        StorySummary(
            id: try row.int64("id"), title: try row.optionalString("title") ?? "", articles: try row.int("n"), sources: try row.int("sources"),
            first: try row.optionalString("first"), last: try row.optionalString("last"))
    }

    /// Stories with more than one article, the biggest and newest first.
    public func stories(limit: Int, offset: Int) async throws -> [StorySummary] {
        let logger = self.logger
        return try await read { connection in
            try await Self.rows(
                """
                SELECT \(Self.storyColumns) FROM stories s JOIN articles a ON a.story_id = s.id
                WHERE a.duplicate_of IS NULL
                GROUP BY s.id HAVING count(a.seq) > 1 ORDER BY max(a.published) DESC NULLS LAST, n DESC, s.id
                LIMIT \(max(0, min(limit, StoryDetail.pageLimit))) OFFSET \(max(0, offset))
                """, on: connection, logger: logger
            ).map(Self.story)
        }
    }

    public func story(id: Int64) async throws -> StoryDetail? {
        let logger = self.logger
        return try await read { connection in
            guard let summary = try await Self.storySummary(id, on: connection, logger: logger) else { return nil }
            var binds = Binds()
            let articles = try await Self.rows(
                """
                SELECT \(Self.summaryColumns) FROM articles a WHERE a.story_id = \(binds.add(id)) AND a.duplicate_of IS NULL
                ORDER BY a.published NULLS FIRST, a.seq LIMIT \(StoryDetail.timelineLimit)
                """, binds, on: connection, logger: logger
            ).map(Self.summary)
            binds = Binds()
            let copies = try await Self.rows(
                "SELECT count(*) AS n FROM articles WHERE story_id = \(binds.add(id)) AND duplicate_of IS NOT NULL", binds, on: connection, logger: logger
            ).first.map { try $0.int("n") } ?? 0
            var detail = StoryDetail(summary: summary, articles: articles, copies: copies)
            if let profile = try await self.storyProfiles([id], on: connection)[id] {
                detail.similarity = try await self.similarity(ofStory: id, to: profile, on: connection)
                detail.neighbours = try await self.neighbours(of: profile, on: connection)
            }
            detail.saga = try await Self.saga(ofStory: id, connection, logger)
            return detail
        }
    }

    /// Each original's cosine to the story's centroid, through the policy.
    func similarity(ofStory id: Int64, to profile: StoryProfile, on connection: PostgresConnection) async throws -> [String: Float] {
        var binds = Binds()
        var out = [String: Float]()
        for row in try await Self.rows(
            "SELECT id, minhash FROM articles WHERE story_id = \(binds.add(id)) AND duplicate_of IS NULL AND minhash IS NOT NULL", binds,
            on: connection, logger: logger)
        {
            let signature = try row.bytes("minhash") ?? []
            if let score = policy.centrality(of: ArticleFingerprint(exact: 0, signature: signature), in: profile) { out[try row.string("id")] = score }
        }
        return out
    }

    /// Stories of two originals or more whose mean day is within ``StoryDetail/neighbourDays`` and
    /// whose centroid is close (``StoryDetail/neighbourCloseness``), the closest first.
    func neighbours(of profile: StoryProfile, on connection: PostgresConnection) async throws -> [StorySummary] {
        guard let day = profile.meanDay else { return [] }
        var binds = Binds()
        let rows = try await Self.rows("""
            SELECT story, articles, centroid, day_sum, dated FROM story_profiles
            WHERE story <> \(binds.add(profile.story)) AND articles >= 2 AND dated > 0
                AND abs(day_sum::float8 / dated - \(binds.add(day))) <= \(binds.add(StoryDetail.neighbourDays))
            """, binds, on: connection, logger: logger)
        var close = [(Int64, Float)]()
        for row in rows {
            let other = StoryProfile(
                story: try row.int64("story"), articles: try row.int("articles"), centroid: try row.bytes("centroid") ?? [], daySum: try row.int64("day_sum"),
                dated: try row.int("dated"))
            if let score = policy.closeness(of: profile, to: other), score >= StoryDetail.neighbourCloseness { close.append((other.story, score)) }
        }
        close.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var out = [StorySummary]()
        for (id, _) in close.prefix(StoryDetail.neighbourLimit) {
            if let summary = try await Self.storySummary(id, on: connection, logger: logger) { out.append(summary) }
        }
        return out
    }

    public func stats() async throws -> ArchiveStats {
        let (logger, location) = (self.logger, self.location)
        return try await read { connection in
            func count(_ sql: String) async throws -> Int {
                try await Self.rows(sql, on: connection, logger: logger).first?.int("n") ?? 0
            }
            var roles = [String: Int]()
            for row in try await Self.rows("SELECT role, count(*) AS n FROM articles GROUP BY role", on: connection, logger: logger) {
                roles[try row.string("role")] = try row.int("n")
            }
            let range = try await Self.rows("SELECT min(published) AS first, max(published) AS last FROM articles", on: connection, logger: logger).first
            return ArchiveStats(
                pages: try await count("SELECT count(*) AS n FROM pages"),
                articles: try await count("SELECT count(*) AS n FROM articles"),
                duplicates: try await count("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL"),
                stories: try await count(
                    "SELECT count(*) AS n FROM (SELECT story_id FROM articles WHERE story_id IS NOT NULL AND duplicate_of IS NULL GROUP BY story_id HAVING count(*) > 1) s"),
                quotes: try await count("SELECT count(*) AS n FROM quotes"),
                entities: try await Self.isResolved(connection, logger)
                    ? count("SELECT count(*) AS n FROM archive_entities") : count("SELECT count(*) AS n FROM (SELECT DISTINCT name_key, type FROM entities) e"),
                sources: try await count("SELECT count(DISTINCT outlet_key) AS n FROM articles"),
                earliest: try range?.optionalString("first"), latest: try range?.optionalString("last"), roles: roles,
                unlinked: try await count("SELECT count(*) AS n FROM link_queue"), store: "postgres:\(location)")
        }
    }
}
