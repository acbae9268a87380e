import Archive
import Foundation
import NewsModel
import PostgresNIO

/// Storing a whole batch in a handful of statements, whatever its size: what an archive that links
/// later (``PostgresArchive/Linking/deferred``) does, since no article needs a lookup of its own.
extension PostgresArchive {
    /// Stores the pages of one transaction (after the batch's advisory locks): the existing pages in
    /// one read, the changed ones deleted in one statement, then the rest by ``copyPages(_:on:now:)``.
    /// Outcomes as ``store(_:on:now:)`` gives them.
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
        try await copyPages(zip(pages, statuses).filter { $0.1 != .unchanged }.map(\.0), on: connection, now: now)
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

    /// Reserves `count` values of a table's serial column, in one round trip.
    func reserve(_ count: Int, of table: String, column: String, on connection: PostgresConnection) async throws -> [Int64] {
        guard count > 0 else { return [] }
        var binds = Binds()
        let (name, key, n) = (binds.add(table), binds.add(column), binds.add(count))
        return try await Self.rows(
            "SELECT array(SELECT nextval(pg_get_serial_sequence(\(name), \(key))) FROM generate_series(1, \(n))) AS ids", binds, on: connection, logger: logger
        )[0]["ids"].decode([Int64].self)
    }

    /// Writes rows with `COPY … FROM STDIN` in text format (``RowValue/appendCopy(to:)``).
    func copy(_ rows: [[RowValue]], into table: String, columns: [String], on connection: PostgresConnection) async throws {
        guard !rows.isEmpty else { return }
        var text = [UInt8]()
        for row in rows {
            for (k, value) in row.enumerated() {
                if k > 0 { text.append(0x09) }
                value.appendCopy(to: &text)
            }
            text.append(0x0A)
        }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(ByteBuffer(bytes: text))
        }
    }

    /// Stores pages and their articles with their ids and seqs reserved first, then one `COPY` per
    /// table: no row is sent twice and nothing is parsed as JSON. The batch's advisory locks keep
    /// every page source and article id free; a conflict all the same fails the batch, which is
    /// retried as a unique violation is.
    func copyPages(_ pages: [ArchivePage], on connection: PostgresConnection, now: String) async throws {
        guard !pages.isEmpty else { return }
        let pageIDs = try await reserve(pages.count, of: "pages", column: "id", on: connection)
        try await copy(zip(pages, pageIDs).map { page, id in
            [.integer(id), .text(page.source), .text(page.format.rawValue), .text(page.encoding), .integer(Int64(bitPattern: page.digest)), .text(now)]
        }, into: "pages", columns: ["id", "source", "format", "encoding", "digest", "ingested"], on: connection)
        let items = zip(pages, pageIDs).flatMap { page, id in page.articles.enumerated().map { (pageID: id, position: $0, item: $1) } }
        guard !items.isEmpty else { return }
        var binds = Binds()
        var taken = Set(try await Self.rows(
            "SELECT id FROM articles WHERE id = ANY(\(binds.add(array: items.map(\.item.article.id)))::text[])", binds, on: connection, logger: logger
        ).map { try $0.string("id") })
        let seqs = try await reserve(items.count, of: "articles", column: "seq", on: connection)
        var articles = [[RowValue]](), children = [String: [[RowValue]]]()
        for ((pageID, position, item), seq) in zip(items, seqs) {
            var article = item.article
            // An id already stored, or taken earlier in the batch, gets its page's id (as ``storeArticle`` does).
            if !taken.insert(Binds.clean(article.id)).inserted {
                article.id += "-\(pageID)"
                taken.insert(Binds.clean(article.id))
            }
            let rows = try PostgresRows.rows(article, item: item, pageID: pageID, position: position, story: nil)
            articles.append([.integer(seq)] + rows.article)
            for (table, tableRows) in rows.children { children[table, default: []] += tableRows.map { [.integer(seq)] + $0 } }
        }
        try await copy(articles, into: "articles", columns: ["seq"] + PostgresRows.articleColumns, on: connection)
        for (table, columns) in PostgresRows.childTables {
            try await copy(children[table] ?? [], into: table, columns: ["article"] + columns, on: connection)
        }
        try await copy(seqs.map { [.integer($0)] }, into: "link_queue", columns: ["seq"], on: connection)
    }
}
