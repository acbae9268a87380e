public import Archive
import GRDB

/// The watcher's state (``WatchStateStore``) in tables `sources` and `known_urls` (schema v10). The
/// statements are those of ``PostgresArchive``'s, so that both stores answer alike.
extension SQLiteArchive {
    static let sourceColumns = [
        "url", "kind", "every_seconds", "added", "next_due", "last_fetch", "last_status", "last_new", "total_new", "failures",
        "last_error", "etag", "last_modified",
    ]
    static let knownURLColumns = ["url", "source", "status", "last_fetch", "listed_date", "etag", "last_modified", "attempts", "last_error"]

    /// URLs looked up per statement: SQLite caps the parameters of one statement (32,766 since
    /// 3.32, 999 before), and a round of a large sitemap asks about thousands of URLs.
    static let knownURLChunk = 500

    /// `INSERT … ON CONFLICT (url) DO UPDATE` setting every column: an upsert rather than `INSERT OR
    /// REPLACE`, which deletes the row first, and the statement PostgreSQL runs too.
    static func upsert(into table: String, _ columns: [String]) -> String {
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT (url) DO UPDATE SET \(updates)
            """
    }

    public func saveSource(_ source: WatchedSource) async throws {
        do {
            try await writer.write { db in
                try db.cachedStatement(sql: Self.upsert(into: "sources", Self.sourceColumns)).execute(arguments: [
                    source.url, source.kind.rawValue, source.everySeconds, source.added, source.nextDue, source.lastFetch,
                    source.lastStatus, source.lastNew, source.totalNew, source.failures, source.lastError, source.etag,
                    source.lastModified,
                ])
            }
        } catch {
            throw writeError(error, source: source.url)
        }
    }

    /// Removes the source only: the URLs it listed stay known, so that adding it back does not
    /// fetch its whole history again.
    public func removeSource(url: String) async throws -> Bool {
        do {
            return try await writer.write { db in
                try db.execute(sql: "DELETE FROM sources WHERE url = ?", arguments: [url])
                return db.changesCount > 0
            }
        } catch {
            throw writeError(error, source: url)
        }
    }

    public func watchedSources() async throws -> [WatchedSource] {
        let sql = "SELECT \(Self.sourceColumns.joined(separator: ", ")) FROM sources ORDER BY url"
        return try await reading { db in try Row.fetchAll(db, sql: sql).map(Self.watchedSource) }
    }

    /// Looks the URLs up 500 at a time, all in one read, so that the answer is one state of the
    /// archive.
    public func knownURLs(_ urls: [String]) async throws -> [String: KnownURL] {
        let unique = Array(Set(urls))
        guard !unique.isEmpty else { return [:] }
        let columns = Self.knownURLColumns.joined(separator: ", ")
        return try await reading { db in
            var known = [String: KnownURL]()
            for start in stride(from: 0, to: unique.count, by: Self.knownURLChunk) {
                let chunk = unique[start..<min(start + Self.knownURLChunk, unique.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(columns) FROM known_urls WHERE url IN (\(marks))", arguments: StatementArguments(Array(chunk)))
                for row in rows {
                    let entry = try Self.knownURL(row)
                    known[entry.url] = entry
                }
            }
            return known
        }
    }

    /// One transaction, entry after entry: an entry listed twice ends as its last copy.
    public func saveKnownURLs(_ entries: [KnownURL]) async throws {
        guard !entries.isEmpty else { return }
        do {
            try await writer.write { db in
                let statement = try db.cachedStatement(sql: Self.upsert(into: "known_urls", Self.knownURLColumns))
                for entry in entries {
                    try statement.execute(arguments: [
                        entry.url, entry.source, entry.status.rawValue, entry.lastFetch, entry.listedDate, entry.etag,
                        entry.lastModified, entry.attempts, entry.lastError,
                    ])
                }
            }
        } catch {
            throw writeError(error, source: entries.count == 1 ? entries[0].url : "\(entries.count) known URLs")
        }
    }

    public func retriesPending(listedBy document: String, below attempts: Int) async throws -> Int {
        try await reading { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM known_urls WHERE source = ? AND status = 'failed' AND attempts < ?", arguments: [document, attempts]) ?? 0
        }
    }

    static func watchedSource(_ row: Row) throws -> WatchedSource {
        let url: String = row["url"]
        guard let kind = WatchedSource.Kind(rawValue: row["kind"]) else {
            throw ArchiveError.corrupt("source \(url): unknown kind \(row["kind"] as String)")
        }
        return WatchedSource(
            url: url, kind: kind, everySeconds: row["every_seconds"], added: row["added"], nextDue: row["next_due"],
            lastFetch: row["last_fetch"], lastStatus: row["last_status"], lastNew: row["last_new"], totalNew: row["total_new"],
            failures: row["failures"], lastError: row["last_error"], etag: row["etag"], lastModified: row["last_modified"])
    }

    static func knownURL(_ row: Row) throws -> KnownURL {
        let url: String = row["url"]
        guard let status = KnownURL.Status(rawValue: row["status"]) else {
            throw ArchiveError.corrupt("known URL \(url): unknown status \(row["status"] as String)")
        }
        return KnownURL(
            url: url, source: row["source"], status: status, lastFetch: row["last_fetch"], listedDate: row["listed_date"],
            etag: row["etag"], lastModified: row["last_modified"], attempts: row["attempts"], lastError: row["last_error"])
    }
}
