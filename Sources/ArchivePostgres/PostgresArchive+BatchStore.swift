import Archive
import Foundation
import NewsModel
import PostgresNIO

/// Storing a whole batch in a handful of statements, whatever its size: what an archive that links
/// later (``PostgresArchive/Linking/deferred``) does, since no article needs a lookup of its own.
extension PostgresArchive {
    /// Stores the pages of one transaction (after the batch's advisory locks): the existing pages in
    /// one read, the changed ones deleted in one statement, then the pages, the articles and their
    /// children in one statement each. Outcomes as ``store(_:on:now:)`` gives them.
    func storeBatch(_ pages: [ArchivePage], on connection: PostgresConnection, now: String) async throws -> [IngestOutcome] {
        // A source twice in one batch (a page and its replacement) is stored page by page, in order.
        guard Set(pages.map(\.source)).count == pages.count else {
            var outcomes = [IngestOutcome]()
            for page in pages { outcomes.append(try await store(page, on: connection, now: now)) }
            return outcomes
        }
        let stored = try await storedPages(pages.map(\.source), on: connection)
        var statuses = [IngestOutcome.Status](), changed = [Int64]()
        for page in pages {
            guard let old = stored[page.source] else { statuses.append(.inserted); continue }
            if old.digest == Int64(bitPattern: page.digest) {
                statuses.append(.unchanged)
            } else {
                statuses.append(.updated)
                changed.append(old.id)
            }
        }
        if !changed.isEmpty {
            var binds = Binds()
            try await Self.rows("DELETE FROM pages WHERE id = ANY(\(binds.add(array: changed))::int8[])", binds, on: connection, logger: logger)
        }
        let toStore = zip(pages, statuses).filter { $0.1 != .unchanged }.map(\.0)
        let pageIDs = try await insertPages(toStore, on: connection, now: now)
        try await insertArticles(of: toStore, pageIDs: pageIDs, on: connection)
        return zip(pages, statuses).map { IngestOutcome(source: $0.source, status: $1, articles: $0.articles.count, duplicates: 0) }
    }

    /// The stored pages among `sources`: id and digest by source.
    func storedPages(_ sources: [String], on connection: PostgresConnection) async throws -> [String: (id: Int64, digest: Int64)] {
        var binds = Binds()
        var out = [String: (id: Int64, digest: Int64)]()
        for row in try await Self.rows(
            "SELECT id, source, digest FROM pages WHERE source = ANY(\(binds.add(array: sources))::text[])", binds, on: connection, logger: logger)
        {
            out[try row.string("source")] = (try row.int64("id"), try row.int64("digest"))
        }
        return out
    }

    /// Inserts page rows; returns their ids by source.
    func insertPages(_ pages: [ArchivePage], on connection: PostgresConnection, now: String) async throws -> [String: Int64] {
        guard !pages.isEmpty else { return [:] }
        var binds = Binds()
        let (sources, formats, encodings) = (binds.add(array: pages.map(\.source)), binds.add(array: pages.map(\.format.rawValue)), binds.add(array: pages.map(\.encoding)))
        let digests = binds.add(array: pages.map { Int64(bitPattern: $0.digest) })
        var ids = [String: Int64]()
        for row in try await Self.rows(
            """
            INSERT INTO pages (source, format, encoding, digest, ingested)
            SELECT u.source, u.format, u.encoding, u.digest, \(binds.add(now))
            FROM unnest(\(sources)::text[], \(formats)::text[], \(encodings)::text[], \(digests)::int8[]) AS u(source, format, encoding, digest)
            ON CONFLICT (source) DO NOTHING RETURNING id, source
            """, binds, on: connection, logger: logger)
        {
            ids[try row.string("source")] = try row.int64("id")
        }
        // Only possible if a writer ignored the advisory locks; retried as a unique violation would be.
        if let lost = pages.first(where: { ids[Binds.clean($0.source)] == nil }) {
            throw ArchiveError.writeFailed(source: lost.source, reason: "stored concurrently by another writer")
        }
        return ids
    }

    /// Inserts the articles of stored pages and their children, two statements in all. An id already
    /// stored, or taken earlier in the batch, gets its page's id appended (as ``storeArticle`` does).
    func insertArticles(of pages: [ArchivePage], pageIDs: [String: Int64], on connection: PostgresConnection) async throws {
        let items = pages.flatMap { page in page.articles.enumerated().map { (page: page, position: $0, item: $1) } }
        guard !items.isEmpty else { return }
        var binds = Binds()
        var taken = Set(try await Self.rows(
            "SELECT id FROM articles WHERE id = ANY(\(binds.add(array: items.map(\.item.article.id)))::text[])", binds, on: connection, logger: logger
        ).map { try $0.string("id") })
        var rows = [[String: Any]](), articles = [(id: String, article: Article, item: ArchiveArticle)]()
        for (page, position, item) in items {
            let pageID = pageIDs[Binds.clean(page.source)]!
            var article = item.article
            if !taken.insert(article.id).inserted {
                article.id += "-\(pageID)"
                taken.insert(article.id)
            }
            rows.append(Self.articleRow(article, item: item, pageID: pageID, position: position))
            articles.append((Self.t(article.id), article, item))
        }
        let seqs = try await insertArticles(rows, on: connection)
        try await insertChildren(try articles.map { entry in
            guard let seq = seqs[entry.id] else { throw ArchiveError.writeFailed(source: entry.id, reason: "the article row was not stored") }
            return (seq, try Self.children(of: entry.article, item: entry.item))
        }, on: connection)
    }
}
