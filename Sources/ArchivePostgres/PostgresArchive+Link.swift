public import Archive
import Foundation
import Logging
import PostgresNIO

extension PostgresArchive {
    /// When stored articles are linked to their copies and stories.
    public enum Linking: Sendable {
        /// In the page's own transaction, under the same advisory locks as the copy check: a page is
        /// in its story when `ingest` returns (the server, the watcher). Concurrent writers link in
        /// the order their transactions commit.
        case inline
        /// By the linking stage (``link(limit:)``), which takes the queued articles by publication
        /// time, page and position: however many workers stored them, in whatever order, the same
        /// articles link to the same copies and stories. What bulk ingest and workers use.
        case deferred
    }

    /// What the copy and story lookups read of an article.
    struct LinkSubject {
        var id: String
        var fingerprint: ArticleFingerprint
        /// The index's title and body terms, for the story probe.
        var title: String
        var body: String
        var published: String?
    }

    /// Advisory lock keys of the stages that rewrite shared rows, one writer at a time each: the
    /// linking stage (which links in its fixed order), entity resolution and sagas.
    static let linkLock: Int64 = 0x6D61_7273_6C6B
    static let resolutionLock: Int64 = 0x6D61_7273_656E
    static let sagaLock: Int64 = 0x6D61_7273_7367

    /// Takes a transaction-scoped advisory lock.
    static func lock(_ key: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        var binds = Binds()
        try await rows("SELECT pg_advisory_xact_lock(\(binds.add(key)))", binds, on: connection, logger: logger)
    }

    /// Links a subject: the original it copies (and that original's story), else a story by the
    /// policy, else a new story.
    func linkDecision(_ subject: LinkSubject, on connection: PostgresConnection, now: String) async throws -> (copyOf: String?, story: Int64) {
        let copy = try await duplicateTarget(of: subject, on: connection)
        if let story = copy?.story { return (copy?.id, story) }
        if let story = try await story(for: subject.fingerprint, title: subject.title, body: subject.body, published: subject.published, on: connection) {
            return (copy?.id, story)
        }
        var binds = Binds()
        let story = try await Self.rows("INSERT INTO stories (created) VALUES (\(binds.add(now))) RETURNING id", binds, on: connection, logger: logger)[0].int64("id")
        return (copy?.id, story)
    }

    /// Links up to `limit` queued articles in one transaction, oldest publication first (then page
    /// source and position), and says how many wait.
    public func link(limit: Int = LinkProgress.batch) async throws -> LinkProgress {
        let now = Self.now()
        do {
            let progress = try await transaction { connection in
                try await Self.lock(Self.linkLock, on: connection, logger: logger)
                var progress = LinkProgress()
                for row in try await queued(limit: max(1, limit), on: connection) {
                    if try await link(row, on: connection, now: now) { progress.copies += 1 }
                    progress.linked += 1
                }
                progress.pending = try await Self.rows("SELECT count(*) AS n FROM link_queue", on: connection, logger: logger)[0].int("n")
                return progress
            }
            // The queue is empty: the archive is whole, and BM25's statistics may be renewed.
            if progress.pending == 0 { try await refreshTermStatsIfStale() }
            return progress
        } catch {
            throw Self.writeError(error, source: "the linking stage")
        }
    }

    /// The oldest queued articles with what linking reads of them.
    func queued(limit: Int, on connection: PostgresConnection) async throws -> [PostgresRandomAccessRow] {
        var binds = Binds()
        return try await Self.rows(
            """
            SELECT a.seq, a.id, a.duplicate_of, a.published, a.exact_hash, a.minhash, a.terms, coalesce(f.title, '') AS title, coalesce(f.body, '') AS body,
                coalesce((SELECT array_agg(b.band ORDER BY b.band) FROM lsh_bands b WHERE b.article = a.seq), '{}') AS bands
            FROM link_queue q JOIN articles a ON a.seq = q.seq JOIN pages p ON p.id = a.page_id LEFT JOIN articles_fts f ON f.article = a.seq
            ORDER BY a.published NULLS LAST, p.source, a.position LIMIT \(binds.add(limit))
            """, binds, on: connection, logger: logger)
    }

    /// Links one queued article; returns whether it copies another.
    func link(_ row: PostgresRandomAccessRow, on connection: PostgresConnection, now: String) async throws -> Bool {
        let seq = try row.int64("seq")
        let fingerprint = ArticleFingerprint(
            exact: UInt64(bitPattern: try row.int64("exact_hash")), signature: try row.bytes("minhash") ?? [],
            bands: try row["bands"].decode([Int64].self), terms: try row.bytes("terms") ?? [])
        let subject = LinkSubject(id: try row.string("id"), fingerprint: fingerprint, title: try row.string("title"), body: try row.string("body"),
                                  published: try row.optionalString("published"))
        let decision = try await linkDecision(subject, on: connection, now: now)
        // The extractor's own link (a related article of the same page) stands.
        let copyOf = try row.optionalString("duplicate_of") ?? decision.copyOf
        var binds = Binds()
        try await Self.rows(
            "UPDATE articles SET duplicate_of = \(binds.add(copyOf)), story_id = \(binds.add(decision.story)) WHERE seq = \(binds.add(seq))",
            binds, on: connection, logger: logger)
        if copyOf == nil { try await addToStoryProfile(fingerprint, published: subject.published, seq: seq, story: decision.story, on: connection) }
        binds = Binds()
        try await Self.rows("DELETE FROM link_queue WHERE seq = \(binds.add(seq))", binds, on: connection, logger: logger)
        return copyOf != nil
    }
}
