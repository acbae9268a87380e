public import Archive
import Foundation
import NewsModel
import PostgresNIO
import StableHash

extension PostgresArchive {
    public func ingest(_ page: ArchivePage) async throws -> IngestOutcome {
        try await ingest(batch: [page])[0]
    }

    /// Stores the pages in one transaction: all of them or none.
    ///
    /// Before anything else the transaction locks (with `pg_advisory_xact_lock`) every page source,
    /// article id and exact-copy hash of the batch, in one sorted order. Another process storing the
    /// same page, an article with the same id or an exact copy waits for this commit and then sees it,
    /// so concurrent ingests never store a page twice and always link a copy to the first original.
    /// Should the server still report a deadlock or a unique violation, the batch is retried.
    public func ingest(batch pages: [ArchivePage]) async throws -> [IngestOutcome] {
        guard !pages.isEmpty else { return [] }
        let now = Self.now()
        let source = pages.count == 1 ? pages[0].source : "\(pages[0].source) and \(pages.count - 1) more pages"
        var attempt = 0
        while true {
            do {
                // A server that drops sessions over and over can leave a postgres-nio call waiting for
                // good; the batch then fails after `writeDeadline` instead of hanging the ingest.
                return try await Self.racing(seconds: Self.writeDeadline, what: source) { [self] in
                    try await transaction { connection in
                        try await Self.lock(pages, on: connection, logger: logger)
                        if linking == .deferred { return try await storeBatch(pages, on: connection, now: now) }
                        var outcomes = [IngestOutcome]()
                        for page in pages { outcomes.append(try await store(page, on: connection, now: now)) }
                        return outcomes
                    }
                }
            } catch let stale as StaleConnection {
                if attempt < 3 {
                    attempt += 1
                    continue
                }
                throw Self.writeError(stale.underlying, source: source)
            } catch {
                // 40001 serialization failure, 40P01 deadlock, 23505 unique violation: another writer won a race.
                if let state = Self.sqlState(error), ["40001", "40P01", "23505"].contains(state), attempt < 5 {
                    attempt += 1
                    try await Task.sleep(nanoseconds: UInt64(attempt) * 20_000_000)
                    continue
                }
                throw Self.writeError(error, source: source)
            }
        }
    }

    /// Longest a batch may take before it is given up (nothing of it is committed then).
    static let writeDeadline = 60.0

    /// Runs `body`, or fails after `seconds` even if `body` never returns: unlike a task group, this
    /// does not wait for a stuck child. The abandoned task is cancelled and left to end on its own.
    static func racing<T: Sendable>(seconds: Double, what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await racing(seconds: seconds, timeout: ArchiveError.writeFailed(source: what, reason: "the connection gave no answer within \(Int(seconds)) s"), body)
    }

    /// Runs `body`, or throws `timeout` after `seconds`, without waiting for a `body` that never ends.
    /// Cancelling the caller cancels `body`.
    static func racing<T: Sendable>(seconds: Double, timeout: any Error, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let work = Task { try await body() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let once = ResumeOnce(continuation)
                Task {
                    do { once.resume(.success(try await work.value)) } catch { once.resume(.failure(error)) }
                }
                Task {
                    try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                    once.resume(.failure(timeout))
                    work.cancel()
                }
            }
        } onCancel: {
            work.cancel()
        }
    }

    static func writeError(_ error: any Error, source: String) -> any Error {
        if error is ArchiveError { return error }
        switch sqlState(error) {
        case "53100": return ArchiveError.writeFailed(source: source, reason: "disk full")
        default: return ArchiveError.writeFailed(source: source, reason: reason(error))
        }
    }

    /// Advisory lock keys: a class (1 source, 2 exact hash, 3 article id) and a 32-bit hash.
    static func lockKeys(_ pages: [ArchivePage]) -> [(Int32, Int32)] {
        func fold(_ value: UInt64) -> Int32 { Int32(truncatingIfNeeded: value ^ (value >> 32)) }
        func hash(_ text: String) -> Int32 {
            var hash = FNV1a64()
            hash.add(field: text)
            return fold(hash.value)
        }
        var keys = Set<Int64>()
        for page in pages {
            keys.insert(1 << 32 | Int64(UInt32(bitPattern: hash(page.source))))
            for item in page.articles {
                keys.insert(2 << 32 | Int64(UInt32(bitPattern: fold(item.fingerprint.exact))))
                keys.insert(3 << 32 | Int64(UInt32(bitPattern: hash(item.article.id))))
            }
        }
        return keys.sorted().map { (Int32($0 >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: $0))) }
    }

    static func lock(_ pages: [ArchivePage], on connection: PostgresConnection, logger: Logger) async throws {
        let keys = lockKeys(pages)
        var binds = Binds()
        binds.bindings.append(keys.map(\.0))
        binds.bindings.append(keys.map(\.1))
        try await rows(
            """
            SELECT count(pg_advisory_xact_lock(k.class, k.key)) AS n
            FROM (SELECT class, key FROM unnest($1::int4[], $2::int4[]) AS u(class, key) ORDER BY class, key) k
            """, binds, on: connection, logger: logger)
    }

    func store(_ page: ArchivePage, on connection: PostgresConnection, now: String) async throws -> IngestOutcome {
        let digest = Int64(bitPattern: page.digest)
        var status = IngestOutcome.Status.inserted
        var binds = Binds()
        if let row = try await Self.rows("SELECT id, digest FROM pages WHERE source = \(binds.add(page.source))", binds, on: connection, logger: logger).first {
            if try row.int64("digest") == digest {
                return IngestOutcome(source: page.source, status: .unchanged, articles: page.articles.count, duplicates: 0)
            }
            // A changed page: its old articles go (with their images, quotes, index rows) and the new
            // ones come in, in the same transaction.
            var delete = Binds()
            try await Self.rows("DELETE FROM pages WHERE id = \(delete.add(try row.int64("id")))", delete, on: connection, logger: logger)
            status = .updated
        }
        binds = Binds()
        let inserted = try await Self.rows(
            """
            INSERT INTO pages (source, format, encoding, digest, ingested)
            VALUES (\(binds.add(page.source)), \(binds.add(page.format.rawValue)), \(binds.add(page.encoding)), \(binds.add(digest)), \(binds.add(now)))
            ON CONFLICT (source) DO NOTHING RETURNING id
            """, binds, on: connection, logger: logger)
        guard let pageID = try inserted.first?.int64("id") else {
            // Only possible if a writer ignored the advisory locks; retried as a unique violation would be.
            throw ArchiveError.writeFailed(source: page.source, reason: "stored concurrently by another writer")
        }
        var duplicates = 0
        for (position, item) in page.articles.enumerated() {
            if try await storeArticle(item, position: position, pageID: pageID, on: connection, now: now) { duplicates += 1 }
        }
        return IngestOutcome(source: page.source, status: status, articles: page.articles.count, duplicates: duplicates)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Inserts one article and everything hanging off it (two statements: the article, then its
    /// children in ``insertChildren(_:on:)``), linking it first when the archive links inline;
    /// returns whether it duplicates another.
    func storeArticle(_ item: ArchiveArticle, position: Int, pageID: Int64, on connection: PostgresConnection, now: String) async throws -> Bool {
        var article = item.article
        var binds = Binds()
        // An id already stored elsewhere (two pages with the same source-less content): keep both.
        if !(try await Self.rows("SELECT 1 AS one FROM articles WHERE id = \(binds.add(article.id))", binds, on: connection, logger: logger)).isEmpty {
            article.id += "-\(pageID)"
        }
        // Linked now, or queued for the linking stage (``Linking/deferred``).
        var storyID: Int64?
        if linking == .inline {
            let decision = try await linkDecision(
                LinkSubject(id: article.id, fingerprint: item.fingerprint, title: item.index.title, body: item.index.body, published: item.publishedKey),
                on: connection, now: now)
            if article.duplicateOf == nil { article.duplicateOf = decision.copyOf }
            storyID = decision.story
        }
        let rows = try PostgresRows.rows(article, item: item, pageID: pageID, position: position, story: storyID)
        guard let seq = try await insertArticles([rows.article], on: connection)[Binds.clean(article.id)] else {
            throw ArchiveError.writeFailed(source: article.id, reason: "the article row was not stored")
        }
        if let storyID, article.duplicateOf == nil {
            try await addToStoryProfile(item.fingerprint, published: item.publishedKey, seq: seq, story: storyID, on: connection)
        }
        try await insertChildren([(seq, rows.children)], on: connection)
        return article.duplicateOf != nil
    }

    /// Inserts article rows (``PostgresRows/rows(_:item:pageID:position:story:)``) in one statement;
    /// returns each one's seq by id.
    func insertArticles(_ rows: [[RowValue]], on connection: PostgresConnection) async throws -> [String: Int64] {
        var binds = Binds()
        let objects = PostgresRows.json(rows, columns: PostgresRows.articleColumns)
        let json = binds.add(String(decoding: try JSONSerialization.data(withJSONObject: objects), as: UTF8.self))
        var seqs = [String: Int64]()
        for row in try await Self.rows(
            """
            INSERT INTO articles (id, page_id, position, role, title, section, section_key, outlet, outlet_key,
                published, published_local, url, lead, body, document, exact_hash, minhash, terms, duplicate_of, story_id)
            SELECT x.id, x.page_id, x.position, x.role, x.title, x.section, x.section_key, x.outlet, x.outlet_key,
                x.published, x.published_local, x.url, x.lead, x.body, x.document, x.exact_hash,
                decode(nullif(x.minhash, ''), 'hex'), decode(nullif(x.terms, ''), 'hex'), x.duplicate_of, x.story_id
            FROM jsonb_to_recordset(\(json)::jsonb) AS x(id text, page_id bigint, position int, role text, title text, section text,
                section_key text, outlet text, outlet_key text, published text, published_local text, url text, lead text, body text,
                document text, exact_hash bigint, minhash text, terms text, duplicate_of text, story_id bigint)
            RETURNING seq, id
            """, binds, on: connection, logger: logger)
        {
            seqs[try row.string("id")] = try row.int64("seq")
        }
        return seqs
    }

    /// Inserts the children of stored articles (``ArticleRows/children``) in one statement of
    /// data-modifying CTEs, and queues them for linking when the archive links later.
    func insertChildren(_ articles: [(seq: Int64, children: [String: [[RowValue]]])], on connection: PostgresConnection) async throws {
        var binds = Binds()
        let rows = articles.map { article -> [String: Any] in
            var j = [String: Any]()
            for (table, columns) in PostgresRows.childTables { j[table] = PostgresRows.json(article.children[table] ?? [], columns: columns) }
            return ["seq": article.seq, "j": j]
        }
        let j = binds.add(String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self))
        try await Self.rows(
            """
            WITH d AS (SELECT x.seq, x.j FROM jsonb_to_recordset(\(j)::jsonb) AS x(seq bigint, j jsonb)),
            images AS (INSERT INTO images (article, position, caption, credit)
                SELECT d.seq, x.position, x.caption, x.credit FROM d, jsonb_to_recordset(d.j->'images') AS x(position int, caption text, credit text)),
            bylines AS (INSERT INTO bylines (article, position, name, kind, place)
                SELECT d.seq, x.position, x.name, x.kind, x.place FROM d, jsonb_to_recordset(d.j->'bylines') AS x(position int, name text, kind text, place text)),
            quotes AS (INSERT INTO quotes (article, position, text, speaker, speaker_key, mention, cue, kind, paragraph)
                SELECT d.seq, x.position, x.text, x.speaker, x.speaker_key, x.mention, x.cue, x.kind, x.paragraph
                FROM d, jsonb_to_recordset(d.j->'quotes')
                    AS x(position int, text text, speaker text, speaker_key text, mention text, cue text, kind text, paragraph int)),
            entities AS (INSERT INTO entities (article, name, name_key, type, count, mentions)
                SELECT d.seq, x.name, x.name_key, x.type, x.count, x.mentions
                FROM d, jsonb_to_recordset(d.j->'entities') AS x(name text, name_key text, type text, count int, mentions text)),
            entity_keys AS (INSERT INTO entity_keys (article, key)
                SELECT d.seq, x.key FROM d, jsonb_to_recordset(d.j->'entity_keys') AS x(key text) ON CONFLICT DO NOTHING),
            quantities AS (INSERT INTO quantities (article, text, value, unit, kind)
                SELECT d.seq, x.text, x.value, x.unit, x.kind
                FROM d, jsonb_to_recordset(d.j->'quantities') AS x(text text, value double precision, unit text, kind text)),
            dates AS (INSERT INTO dates (article, text, value, relative)
                SELECT d.seq, x.text, x.value, x.relative FROM d, jsonb_to_recordset(d.j->'dates') AS x(text text, value text, relative text)),
            bands AS (INSERT INTO lsh_bands (band, article)
                SELECT x.band, d.seq FROM d, jsonb_to_recordset(d.j->'lsh_bands') AS x(band bigint) ON CONFLICT DO NOTHING),
            queued AS (INSERT INTO link_queue (seq) SELECT d.seq FROM d WHERE \(linking == .deferred ? "true" : "false"))
            INSERT INTO articles_fts (article, title, subtitle, captions, body, vector)
            SELECT d.seq, x.title, x.subtitle, x.captions, x.body, x.vector::tsvector
            FROM d, jsonb_to_recordset(d.j->'articles_fts') AS x(title text, subtitle text, captions text, body text, vector text)
            """, binds, on: connection, logger: logger)
    }

    /// Lowercase hex of bytes, as `decode(…, 'hex')` reads it.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The stored article this one copies: the same normalized text, else a near duplicate by MinHash.
    /// Only linked articles (those with a story) are originals; the oldest wins, so chains of copies
    /// all point at one article. An earlier copy already tied to the subject's id is not its original.
    func duplicateTarget(of subject: LinkSubject, on connection: PostgresConnection) async throws -> (id: String, story: Int64?)? {
        var binds = Binds()
        if let row = try await Self.rows(
            // Materialized, so that the planner does not walk the primary key in seq order to find one hash.
            """
            WITH c AS MATERIALIZED (SELECT seq, id, story_id, duplicate_of FROM articles WHERE exact_hash = \(binds.add(Int64(bitPattern: subject.fingerprint.exact))))
            SELECT id, story_id, duplicate_of FROM c WHERE story_id IS NOT NULL ORDER BY seq LIMIT 1
            """,
            binds, on: connection, logger: logger
        ).first {
            let original = try row.optionalString("duplicate_of") ?? row.string("id")
            if original != subject.id { return (original, try row.optionalInt64("story_id")) }
        }
        return try await nearDuplicate(of: subject.fingerprint, id: subject.id, on: connection)
    }
}

/// Resumes a continuation with the first result only.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = continuation }

    func resume(_ result: Result<T, any Error>) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(with: result)
    }
}
