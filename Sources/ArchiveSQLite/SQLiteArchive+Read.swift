public import Archive
import Foundation
import GRDB
import TermIndex
public import NewsModel

extension SQLiteArchive {
    static let summaryColumns = "a.id, a.title, a.outlet, a.section, \(shownPublished), a.url, a.role, a.lead, a.seq"
    /// `published` as the source wrote it, where the sort key moved it to UTC.
    static let shownPublished = "coalesce(a.published_local, a.published) AS published"

    static func summary(_ row: Row, in db: Database) throws -> ArticleSummary {
        // A cached statement: pages list dozens of summaries, and compiling this each time was most of their cost.
        let image = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT caption, credit FROM images WHERE article = ? ORDER BY position LIMIT 1"), arguments: [row["seq"] as Int64])
            .map { Image(caption: $0["caption"], credit: $0["credit"]) }
        return ArticleSummary(
            id: row["id"], title: row["title"], source: row["outlet"], section: row["section"], published: row["published"],
            url: row["url"], role: Article.Role(rawValue: row["role"]) ?? .main, lead: row["lead"], image: image)
    }

    public func article(id: String) async throws -> StoredArticle? {
        try await reading { db in
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT \(Self.storedColumns)
                    FROM articles a JOIN pages p ON p.id = a.page_id JOIN article_texts t ON t.seq = a.seq WHERE a.id = ?
                    """),
                arguments: [id]
            ).map { try Self.storedRow($0, from: 0).decoded() }
        }
    }

    /// The columns ``storedRow(_:from:)`` reads, in its order.
    static let storedColumns = "a.id, t.document, t.body, a.outlet, a.duplicate_of, a.story_id, p.source, p.ingested"

    /// A stored row from ``storedColumns``, starting at column `first`.
    static func storedRow(_ row: Row, from first: Int) -> StoredRow {
        StoredRow(
            id: row[first], document: row[first + 1], body: row[first + 2], outlet: row[first + 3], duplicateOf: row[first + 4],
            storyID: row[first + 5], pageSource: row[first + 6], ingested: row[first + 7])
    }

    public func latest(_ request: ListRequest) async throws -> [ArticleSummary] {
        let filters = try request.filters.validated()
        var filterConditions = [String]()
        var filterArguments = StatementArguments()
        Self.addFilters(filters, to: &filterConditions, &filterArguments)
        let whereClause = filterConditions.isEmpty ? "" : "WHERE " + filterConditions.joined(separator: " AND ")
        let arguments = filterArguments
        return try await reading { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.summaryColumns) FROM articles a \(whereClause) ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?"),
                arguments: arguments + [request.limit, request.offset]
            ).map { try Self.summary($0, in: db) }
        }
    }

    /// Articles like this one by BM25 over its characteristic terms, leaving out the article itself,
    /// its copies and what it copies.
    public func related(to id: String, limit: Int) async throws -> [ArticleSummary] {
        let termIndex = self.termIndex
        return try await reading { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT a.seq, a.exact_hash, coalesce(a.duplicate_of, a.id) AS original, f.title, f.body FROM articles a JOIN articles_fts f ON f.rowid = a.seq WHERE a.id = ?"),
                arguments: [id])
            else { return [] }
            let probe = FTS5Query.related(title: row["title"], body: row["body"])
            let limit = max(0, min(limit, 100))
            guard !probe.isEmpty, limit > 0 else { return [] }
            let seq: Int64 = row["seq"]
            let exactHash: Int64 = row["exact_hash"]
            let original: String = row["original"]
            // Rank on the FTS table alone and read rows for the best few only: joining first read
            // every hit's row (a probe of 16 terms matches most of the archive) before sorting.
            // Copies of this article are dropped afterwards, so ask for enough to spare.
            let batch = limit * 4 + 16
            var related = [ArticleSummary]()
            let statement = try db.cachedStatement(sql: "SELECT \(Self.summaryColumns), a.exact_hash, coalesce(a.duplicate_of, '') AS copy_of FROM articles a WHERE a.seq = ?")
            // The term index ranks the whole probe at once when it can (FTS5 scored every article
            // that shares a word, 60 ms a page over ANT).
            let indexed = try Self.indexedCandidates(title: row["title"], body: row["body"], limit: batch * 8, index: termIndex, in: db)
            // A widely copied article can fill a batch with its own copies: then read the next one.
            for round in 0..<8 {
                let candidates = try indexed.map { Array($0.dropFirst(round * batch).prefix(batch)) } ?? Int64.fetchAll(
                    db.cachedStatement(sql: "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY \(Self.bm25) LIMIT ? OFFSET ?"),
                    arguments: [probe, batch, round * batch])
                for candidate in candidates where candidate != seq {
                    guard let row = try Row.fetchOne(statement, arguments: [candidate]) else { continue }
                    guard row["exact_hash"] as Int64 != exactHash, row["id"] as String != original, row["copy_of"] as String != original else { continue }
                    related.append(try Self.summary(row, in: db))
                    if related.count == limit { return related }
                }
                if candidates.count < batch { break }
            }
            return related
        }
    }

    /// The best `limit` articles for the related-articles probe of an article's index terms, from the
    /// term index; nil while the archive is still being indexed.
    static func indexedCandidates(title: String, body: String, limit: Int, index: TermIndexCache, in db: Database) throws -> [Int64]? {
        guard let snapshot = try index.snapshot(db) else { return nil }
        let atoms = try RelatedQuery.terms(title: title, body: body).map { try tokenAtom(.term($0), in: db) }
        guard !atoms.isEmpty else { return [] }
        return try snapshot.searcher.search(TokenQuery(groups: [atoms]), limit: limit, facets: false, source: StoredPostings(db: db)).top.map(\.seq)
    }

    public func quotes(_ request: QuoteRequest) async throws -> [QuoteRecord] {
        var filterConditions = [String]()
        var filterArguments = StatementArguments()
        if let speaker = request.speaker {
            // Any alias of the speaker's entity, once resolved.
            filterConditions.append("(q.speaker_key = ? OR q.speaker_key IN (\(EntityAliasSQL.keys(ofNameAt: "?"))))")
            _ = filterArguments.append(contentsOf: [ArchiveKey.of(speaker), ArchiveKey.of(speaker)])
        }
        if let kind = request.kind {
            filterConditions.append("q.kind = ?")
            _ = filterArguments.append(contentsOf: [kind.rawValue])
        }
        let whereClause = filterConditions.isEmpty ? "" : "WHERE " + filterConditions.joined(separator: " AND ")
        let arguments = filterArguments
        return try await reading { db in
            // Each quote once (QuoteFolding): the page's distinct quotes, newest first, then every
            // article that carried them.
            var collector = QuoteFolding.KeyCollector(needed: request.offset + request.limit)
            let ordered = try db.cachedStatement(sql: """
                SELECT q.text, q.speaker_key FROM quotes q JOIN articles a ON a.seq = q.article \(whereClause)
                ORDER BY a.published DESC, a.seq DESC, q.position LIMIT ? OFFSET ?
                """)
            var read = 0
            while !collector.isFull {
                let rows = try Row.fetchAll(ordered, arguments: arguments + [QuoteFolding.chunk, read])
                for row in rows { collector.add(QuoteFolding.Key(text: row[0], speakerKey: row[1])) }
                read += rows.count
                if rows.count < QuoteFolding.chunk { break }
            }
            let keys = Array(collector.keys.dropFirst(request.offset))
            guard !keys.isEmpty else { return [] }
            let texts = "[" + keys.map { DocumentJSON.string(.string($0.text), pretty: false) }.joined(separator: ",") + "]"
            let carriers = try Row.fetchAll(
                db,
                sql: """
                    SELECT q.text, q.speaker_key, q.speaker, q.kind, q.cue, a.seq, q.position, a.id, a.title, a.outlet, \(Self.shownPublished), a.url
                    FROM quotes q JOIN articles a ON a.seq = q.article
                    WHERE q.text IN (SELECT value FROM json_each(?))
                    """,
                arguments: [texts]
            ).map { row in
                QuoteFolding.Carrier(
                    key: QuoteFolding.Key(text: row[0], speakerKey: row[1]), speaker: row[2], kind: Quote.Kind(rawValue: row[3]) ?? .direct, cue: row[4],
                    seq: row[5], position: row[6], articleID: row[7], title: row[8], outlet: row[9], published: row[10], url: row[11])
            }
            return QuoteFolding.records(keys, carriers: carriers)
        }
    }

    /// Entities as names, for an archive that has not resolved them (``resolveEntities()``).
    func unresolvedEntities(_ request: EntityRequest) async throws -> [EntitySummary] {
        var filterConditions = [String]()
        var filterArguments = StatementArguments()
        if let type = request.type {
            filterConditions.append("e.type = ?")
            _ = filterArguments.append(contentsOf: [type.rawValue])
        }
        if let name = request.name {
            // The canonical name, or any written form of it.
            filterConditions.append("e.article IN (SELECT article FROM entity_keys WHERE key = ?) AND (e.name_key = ? OR e.mentions LIKE ? ESCAPE '\\')")
            let key = ArchiveKey.of(name)
            _ = filterArguments.append(contentsOf: [key, key, ArchiveKey.mentionPattern(name)])
        }
        let whereClause = filterConditions.isEmpty ? "" : "WHERE " + filterConditions.joined(separator: " AND ")
        let arguments = filterArguments
        return try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT min(e.name), e.type, count(DISTINCT e.article) AS n, sum(e.count), min(a.published), max(a.published)
                    FROM entities e JOIN articles a ON a.seq = e.article \(whereClause)
                    GROUP BY e.name_key, e.type ORDER BY n DESC, 1 LIMIT \(request.limit)
                    """,
                arguments: arguments
            ).map { row in
                EntitySummary(
                    name: row[0], type: Entity.Kind(rawValue: row[1]) ?? .organization, articles: row[2], mentions: row[3],
                    first: row[4], last: row[5])
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
            (SELECT title FROM articles WHERE story_id = \(story) AND duplicate_of IS NULL ORDER BY published, seq LIMIT 1))
        """
    }

    static let storyColumns = """
        s.id, \(storyTitle("s.id")) AS title,
        count(a.seq) AS n, count(DISTINCT a.outlet_key) AS sources, min(a.published), max(a.published)
        """

    /// One story's summary, its counts over its originals.
    static func storySummary(_ id: Int64, in db: Database) throws -> StorySummary? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(storyColumns) FROM stories s JOIN articles a ON a.story_id = s.id WHERE s.id = ? AND a.duplicate_of IS NULL GROUP BY s.id"),
            arguments: [id]).map(story)
    }

    static func story(_ row: Row) -> StorySummary {
        StorySummary(id: row[0], title: row[1] ?? "", articles: row[2], sources: row[3], first: row[4], last: row[5])
    }

    /// Stories with more than one article, the biggest and newest first.
    public func stories(limit: Int, offset: Int) async throws -> [StorySummary] {
        try await reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.storyColumns) FROM stories s JOIN articles a ON a.story_id = s.id
                    WHERE a.duplicate_of IS NULL
                    GROUP BY s.id HAVING n > 1 ORDER BY max(a.published) DESC, n DESC, s.id LIMIT \(max(0, min(limit, StoryDetail.pageLimit))) OFFSET \(max(0, offset))
                    """
            ).map(Self.story)
        }
    }

    public func story(id: Int64) async throws -> StoryDetail? {
        let policy = self.policy
        return try await reading { db in
            guard let summary = try Self.storySummary(id, in: db) else { return nil }
            let articles = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT \(Self.summaryColumns) FROM articles a WHERE a.story_id = ? AND a.duplicate_of IS NULL
                    ORDER BY a.published, a.seq LIMIT \(StoryDetail.timelineLimit)
                    """), arguments: [id]
            ).map { try Self.summary($0, in: db) }
            let copies = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM articles WHERE story_id = ? AND duplicate_of IS NOT NULL"), arguments: [id]) ?? 0
            var detail = StoryDetail(summary: summary, articles: articles, copies: copies)
            if let profile = try StoryProfiles.read([id], in: db)[id] {
                detail.similarity = try Self.similarity(ofStory: id, to: profile, policy: policy, in: db)
                detail.neighbours = try Self.neighbours(of: profile, policy: policy, in: db)
            }
            detail.saga = try Self.saga(ofStory: id, in: db)
            return detail
        }
    }

    /// Each original's cosine to the story's centroid, through the policy.
    static func similarity(ofStory id: Int64, to profile: StoryProfile, policy: any SimilarityPolicy, in db: Database) throws -> [String: Float] {
        var out = [String: Float]()
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, signature FROM articles WHERE story_id = ? AND duplicate_of IS NULL AND signature IS NOT NULL"), arguments: [id])
        for row in rows {
            let signature = [UInt8](row[1] as Data)
            if let score = policy.centrality(of: ArticleFingerprint(exact: 0, signature: signature), in: profile) { out[row[0]] = score }
        }
        return out
    }

    /// Stories of two originals or more whose mean day is within ``StoryDetail/neighbourDays`` and
    /// whose centroid is close (``StoryDetail/neighbourCloseness``), the closest first.
    static func neighbours(of profile: StoryProfile, policy: any SimilarityPolicy, in db: Database) throws -> [StorySummary] {
        guard let day = profile.meanDay else { return [] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT story, articles, centroid, day_sum, dated FROM story_profiles
            WHERE story <> ? AND articles >= 2 AND dated > 0 AND abs(CAST(day_sum AS REAL) / dated - ?) <= ?
            """), arguments: [profile.story, day, StoryDetail.neighbourDays])
        let close = rows.compactMap { row -> (Int64, Float)? in
            let other = StoryProfile(story: row[0], articles: row[1], centroid: [UInt8](row[2] as Data), daySum: row[3], dated: row[4])
            guard let score = policy.closeness(of: profile, to: other), score >= StoryDetail.neighbourCloseness else { return nil }
            return (other.story, score)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(StoryDetail.neighbourLimit)
        return try close.compactMap { id, _ in try storySummary(id, in: db) }
    }

    public func stats() async throws -> ArchiveStats {
        try await reading { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            var roles = [String: Int]()
            for row in try Row.fetchAll(db, sql: "SELECT role, count(*) FROM articles GROUP BY role") { roles[row[0]] = row[1] }
            let range = try Row.fetchOne(db, sql: "SELECT min(published), max(published) FROM articles")
            return ArchiveStats(
                pages: try count("SELECT count(*) FROM pages"),
                articles: try count("SELECT count(*) FROM articles"),
                duplicates: try count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
                stories: try count("SELECT count(*) FROM (SELECT story_id FROM articles WHERE story_id IS NOT NULL AND duplicate_of IS NULL GROUP BY story_id HAVING count(*) > 1)"),
                quotes: try count("SELECT count(*) FROM quotes"),
                entities: try Self.isResolved(db) ? count("SELECT count(*) FROM archive_entities") : count("SELECT count(*) FROM (SELECT DISTINCT name_key, type FROM entities)"),
                sources: try count("SELECT count(DISTINCT outlet_key) FROM articles"),
                earliest: range?[0], latest: range?[1], roles: roles, unlinked: try LinkQueue.count(in: db), store: "sqlite:\(self.path)")
        }
    }
}
