public import Archive
import Foundation
import PostgresNIO

/// The watcher's state (``WatchStateStore``) in tables `sources` and `known_urls` (schema v3). The
/// statements are ``SQLiteArchive``'s, so that both stores answer alike.
extension PostgresArchive {
    static let sourceColumns = [
        "url", "kind", "every_seconds", "added", "next_due", "last_fetch", "last_status", "last_new", "total_new", "failures",
        "last_error", "etag", "last_modified",
    ]
    static let knownURLColumns = ["url", "source", "status", "last_fetch", "listed_date", "etag", "last_modified", "attempts", "last_error"]

    /// `ON CONFLICT (url) DO UPDATE SET` every column but the key: the upsert both stores run.
    static func updateAll(_ columns: [String]) -> String {
        "ON CONFLICT (url) DO UPDATE SET " + columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    }

    public func saveSource(_ source: WatchedSource) async throws {
        var binds = Binds()
        let values = [
            binds.add(source.url), binds.add(source.kind.rawValue), binds.add(source.everySeconds), binds.add(source.added),
            binds.add(source.nextDue), binds.add(source.lastFetch), binds.add(source.lastStatus), binds.add(source.lastNew),
            binds.add(source.totalNew), binds.add(source.failures), binds.add(source.lastError), binds.add(source.etag),
            binds.add(source.lastModified),
        ]
        let sql = """
            INSERT INTO sources (\(Self.sourceColumns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))
            \(Self.updateAll(Self.sourceColumns))
            """
        let (arguments, logger) = (binds, self.logger)
        try await watchWrite(source.url) { connection in
            _ = try await Self.rows(sql, arguments, on: connection, logger: logger)
        }
    }

    /// Removes the source only: the URLs it listed stay known, so that adding it back does not
    /// fetch its whole history again.
    public func removeSource(url: String) async throws -> Bool {
        var binds = Binds()
        let sql = "DELETE FROM sources WHERE url = \(binds.add(url)) RETURNING url"
        let (arguments, logger) = (binds, self.logger)
        return try await watchWrite(url) { connection in
            !(try await Self.rows(sql, arguments, on: connection, logger: logger)).isEmpty
        }
    }

    public func watchedSources() async throws -> [WatchedSource] {
        let logger = self.logger
        return try await read { connection in
            try await Self.rows(
                "SELECT \(Self.sourceColumns.joined(separator: ", ")) FROM sources ORDER BY url", on: connection, logger: logger
            ).map(Self.watchedSource)
        }
    }

    /// One statement over an array parameter: unlike SQLite's, a PostgreSQL statement takes an
    /// array of any length, so the list is not cut.
    public func knownURLs(_ urls: [String]) async throws -> [String: KnownURL] {
        let unique = Array(Set(urls.map(Self.withoutNUL)))
        guard !unique.isEmpty else { return [:] }
        var binds = Binds()
        binds.bindings.append(unique)
        let (arguments, logger) = (binds, self.logger)
        let entries = try await read { connection in
            try await Self.rows(
                "SELECT \(Self.knownURLColumns.joined(separator: ", ")) FROM known_urls WHERE url = ANY($1::text[])", arguments,
                on: connection, logger: logger
            ).map(Self.knownURL)
        }
        return Dictionary(entries.map { ($0.url, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// One statement, so one transaction and one round trip: the entries travel as one JSON array
    /// (as ingest sends an article's rows). An entry listed twice ends as its last copy, as in SQLite
    /// (PostgreSQL refuses to update a row twice in one statement); rows are written in URL order, so
    /// two watchers saving overlapping lists lock them in the same order and cannot deadlock.
    public func saveKnownURLs(_ entries: [KnownURL]) async throws {
        guard !entries.isEmpty else { return }
        var last = [String: [String: Any]]()
        for entry in entries { last[Self.withoutNUL(entry.url)] = Self.json(entry) }
        let rows = last.sorted { $0.key < $1.key }.map(\.value)
        var binds = Binds()
        let list = binds.add(String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self))
        let columns = Self.knownURLColumns.joined(separator: ", ")
        let sql = """
            INSERT INTO known_urls (\(columns))
            SELECT \(columns) FROM jsonb_to_recordset(\(list)::jsonb) AS x(url text, source text, status text, last_fetch text,
                listed_date text, etag text, last_modified text, attempts bigint, last_error text)
            ORDER BY url
            \(Self.updateAll(Self.knownURLColumns))
            """
        let (arguments, logger) = (binds, self.logger)
        try await watchWrite(entries.count == 1 ? entries[0].url : "\(entries.count) known URLs") { connection in
            _ = try await Self.rows(sql, arguments, on: connection, logger: logger)
        }
    }

    public func retriesPending(listedBy document: String, below attempts: Int) async throws -> Int {
        var binds = Binds()
        let sql = """
            SELECT count(*) AS pending FROM known_urls
            WHERE source = \(binds.add(Self.withoutNUL(document))) AND status = 'failed' AND attempts < \(binds.add(attempts))
            """
        let (arguments, logger) = (binds, self.logger)
        return try await read { connection in
            try await Self.rows(sql, arguments, on: connection, logger: logger).first.map { try $0.int("pending") } ?? 0
        }
    }

    /// Runs one write in a transaction as ingest does: tried again on a pooled connection that was
    /// gone before it began, or after a deadlock or serialization failure with another writer;
    /// given up after ``writeDeadline``. Failures are ``ArchiveError/writeFailed(source:reason:)``
    /// naming `what`.
    func watchWrite<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await Self.racing(seconds: Self.writeDeadline, what: what) { [self] in try await transaction(body) }
            } catch let stale as StaleConnection {
                if attempt < 3 {
                    attempt += 1
                    continue
                }
                throw Self.writeError(stale.underlying, source: what)
            } catch {
                if let state = Self.sqlState(error), ["40001", "40P01"].contains(state), attempt < 5 {
                    attempt += 1
                    try await Task.sleep(nanoseconds: UInt64(attempt) * 20_000_000)
                    continue
                }
                throw Self.writeError(error, source: what)
            }
        }
    }

    /// PostgreSQL text cannot hold U+0000; it is dropped, as ``Binds`` drops it.
    static func withoutNUL(_ text: String) -> String { Binds.clean(text) }

    /// An entry as a `jsonb_to_recordset` row; a missing key reads as NULL.
    static func json(_ entry: KnownURL) -> [String: Any] {
        var row: [String: Any] = [
            "url": withoutNUL(entry.url), "source": withoutNUL(entry.source), "status": entry.status.rawValue,
            "last_fetch": withoutNUL(entry.lastFetch), "attempts": entry.attempts,
        ]
        let optional = [("listed_date", entry.listedDate), ("etag", entry.etag), ("last_modified", entry.lastModified), ("last_error", entry.lastError)]
        for (key, value) in optional { if let value { row[key] = withoutNUL(value) } }
        return row
    }

    static func watchedSource(_ row: PostgresRandomAccessRow) throws -> WatchedSource {
        let url = try row.string("url")
        guard let kind = WatchedSource.Kind(rawValue: try row.string("kind")) else {
            throw ArchiveError.corrupt("source \(url): unknown kind \(try row.string("kind"))")
        }
        return WatchedSource(
            url: url, kind: kind, everySeconds: try row.int("every_seconds"), added: try row.string("added"),
            nextDue: try row.string("next_due"), lastFetch: try row.optionalString("last_fetch"),
            lastStatus: try row.optionalString("last_status"), lastNew: try row.int("last_new"), totalNew: try row.int("total_new"),
            failures: try row.int("failures"), lastError: try row.optionalString("last_error"), etag: try row.optionalString("etag"),
            lastModified: try row.optionalString("last_modified"))
    }

    static func knownURL(_ row: PostgresRandomAccessRow) throws -> KnownURL {
        let url = try row.string("url")
        guard let status = KnownURL.Status(rawValue: try row.string("status")) else {
            throw ArchiveError.corrupt("known URL \(url): unknown status \(try row.string("status"))")
        }
        return KnownURL(
            url: url, source: try row.string("source"), status: status, lastFetch: try row.string("last_fetch"),
            listedDate: try row.optionalString("listed_date"), etag: try row.optionalString("etag"),
            lastModified: try row.optionalString("last_modified"), attempts: try row.int("attempts"),
            lastError: try row.optionalString("last_error"))
    }
}
