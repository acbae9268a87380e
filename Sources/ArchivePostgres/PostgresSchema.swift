import Archive
import Foundation
import Logging
import PostgresNIO

/// The archive's tables in PostgreSQL: SQLite's schema v1 table for table and column for column,
/// except that the FTS5 virtual table is a plain table `articles_fts` holding the same four term
/// strings plus their weighted `tsvector` (with a GIN index).
///
/// Migrations are only ever added, never edited, and are recorded in `marsad_migrations`. They run
/// under a transaction-scoped advisory lock, so that several processes opening a new archive at once
/// do not race: the first creates the tables, the others wait and then find them.
enum PostgresSchema {
    /// The advisory lock key of migrations: "marsad" in ASCII.
    static let migrationLock: Int64 = 0x6D61_7273_6164

    static let migrations: [(version: String, sql: String)] = [("v1", v1), ("v2", v2), ("v3", v3), ("v4", v4), ("v5", v5), ("v6", v6), ("v7", v7), ("v8", v8), ("v9", v9), ("v10", v10), ("v11", v11), ("v12", v12), ("v13", v13)]

    /// A RUM index over the vectors, where the server offers the `rum` extension (Debian's
    /// `postgresql-15-rum`) and it is installed or this role may install it: relevance takes its
    /// candidates in the index's order (`<=>`) instead of ranking every hit. Without it the GIN index
    /// serves alone. One line: migrations are split at a semicolon that ends a line.
    static let v13 = """
        DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum') OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)) THEN CREATE EXTENSION IF NOT EXISTS rum; CREATE INDEX articles_fts_rum ON articles_fts USING rum (vector rum_tsvector_ops); END IF; END $$
        """

    /// Document frequencies for BM25 (``PostgresArchive/refreshTermStats()``): each index term's
    /// number of articles, and the article and token counts they were taken over.
    static let v12 = """
        CREATE TABLE term_stats (term TEXT PRIMARY KEY, df BIGINT NOT NULL);
        CREATE TABLE index_stats (
            id INT PRIMARY KEY CHECK (id = 1),
            documents BIGINT NOT NULL,
            tokens BIGINT NOT NULL,
            refreshed TEXT NOT NULL
        );
        """

    /// Fetch jobs: watchers against a cluster archive schedule due sources for workers to fetch.
    static let v11 = """
        ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
        ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('input', 'link', 'fetch'));
        """

    /// Articles stored and not linked yet (``PostgresArchive/Linking/deferred``), as SQLite's
    /// `link_queue`; the linking stage takes them in a fixed order, whatever order they came in.
    static let v10 = """
        CREATE TABLE link_queue (seq BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE);
        """

    /// The work queue (``JobQueue``): one row a job. A job waiting or running for an input (and
    /// range) is unique, so enqueueing the same files twice adds nothing.
    static let v9 = """
        CREATE TABLE jobs (
            id BIGSERIAL PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('input', 'link')),
            target TEXT NOT NULL,
            first_line BIGINT,
            line_count BIGINT,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
            attempts INT NOT NULL DEFAULT 0,
            max_attempts INT NOT NULL CHECK (max_attempts > 0),
            worker TEXT,
            lease_until TIMESTAMPTZ,
            heartbeat TIMESTAMPTZ,
            last_error TEXT,
            created TIMESTAMPTZ NOT NULL DEFAULT now(),
            started TIMESTAMPTZ,
            finished TIMESTAMPTZ,
            articles BIGINT NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX jobs_open_input ON jobs (kind, target, (coalesce(first_line, 0))) WHERE state IN ('pending', 'running');
        CREATE INDEX jobs_state ON jobs (state, id);
        CREATE INDEX jobs_finished ON jobs (finished) WHERE state = 'done';
        """

    /// Each story's saga, as in SQLite's v16.
    static let v8 = """
        CREATE TABLE sagas (
            story BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            saga BIGINT NOT NULL
        );
        CREATE INDEX sagas_saga ON sagas(saga);
        """

    /// Entities with identity, as in SQLite's v15.
    static let v7 = """
        CREATE TABLE archive_entities (
            id BIGINT PRIMARY KEY,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            articles BIGINT NOT NULL,
            mentions BIGINT NOT NULL,
            quotes BIGINT NOT NULL,
            first TEXT,
            last TEXT
        );
        CREATE INDEX archive_entities_rank ON archive_entities(articles DESC, id);
        CREATE TABLE entity_aliases (
            type TEXT NOT NULL,
            key TEXT COLLATE "C" NOT NULL,
            entity BIGINT NOT NULL,
            name TEXT NOT NULL,
            articles BIGINT NOT NULL,
            PRIMARY KEY (type, key)
        );
        CREATE INDEX entity_aliases_entity ON entity_aliases(entity, articles DESC);
        CREATE INDEX entity_aliases_key ON entity_aliases(key);
        CREATE TABLE entity_corrections (
            seq BIGSERIAL PRIMARY KEY,
            operation TEXT NOT NULL CHECK (operation IN ('merge', 'split')),
            type TEXT NOT NULL,
            key TEXT COLLATE "C" NOT NULL,
            other_type TEXT,
            other_key TEXT COLLATE "C",
            made TEXT NOT NULL
        );
        """

    /// Each story's most central article, which titles it, as in SQLite's v14.
    static let v6 = """
        ALTER TABLE story_profiles ADD COLUMN central BIGINT;
        ALTER TABLE story_profiles ADD COLUMN central_score DOUBLE PRECISION NOT NULL DEFAULT 0;
        """

    /// What the story policy keeps of each story (``StoryProfile``), as in SQLite's v13.
    static let v5 = """
        CREATE TABLE story_profiles (
            story BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            articles BIGINT NOT NULL,
            centroid BYTEA NOT NULL,
            day_sum BIGINT NOT NULL,
            dated BIGINT NOT NULL
        );
        """

    /// `published` sorts as UTC; `published_local` keeps the source's offset for display where it
    /// differs (null: the same as `published`).
    static let v2 = "ALTER TABLE articles ADD COLUMN published_local TEXT"

    /// What `marsad watch` keeps between rounds (``WatchStateStore``): the watched sources and the
    /// article URLs already dealt with, as in SQLite's v10. URLs sort as bytes (`COLLATE "C"`), as
    /// SQLite sorts them.
    static let v3 = """
        CREATE TABLE sources (
            url TEXT COLLATE "C" PRIMARY KEY,
            kind TEXT NOT NULL,
            every_seconds BIGINT NOT NULL,
            added TEXT NOT NULL,
            next_due TEXT NOT NULL,
            last_fetch TEXT,
            last_status TEXT,
            last_new BIGINT NOT NULL,
            total_new BIGINT NOT NULL,
            failures BIGINT NOT NULL,
            last_error TEXT,
            etag TEXT,
            last_modified TEXT
        );
        CREATE TABLE known_urls (
            url TEXT COLLATE "C" PRIMARY KEY,
            source TEXT COLLATE "C" NOT NULL,
            status TEXT NOT NULL,
            last_fetch TEXT NOT NULL,
            listed_date TEXT,
            etag TEXT,
            last_modified TEXT,
            attempts BIGINT NOT NULL,
            last_error TEXT
        );
        CREATE INDEX known_urls_source ON known_urls(source);
        """

    /// The alerts that `marsad watch` runs after each round and their matches (``AlertStore``), as
    /// in SQLite's v11. Articles and instants sort as bytes (`COLLATE "C"`), as SQLite sorts them.
    static let v4 = """
        CREATE TABLE alerts (
            id BIGSERIAL PRIMARY KEY,
            query TEXT NOT NULL,
            section TEXT,
            source TEXT,
            entity TEXT,
            speaker TEXT,
            webhook TEXT NOT NULL,
            secret TEXT NOT NULL,
            created TEXT NOT NULL,
            last_run TEXT,
            delivered BIGINT NOT NULL,
            failures BIGINT NOT NULL,
            last_error TEXT
        );
        CREATE TABLE alert_matches (
            alert BIGINT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            article TEXT COLLATE "C" NOT NULL,
            state TEXT COLLATE "C" NOT NULL,
            found TEXT COLLATE "C" NOT NULL,
            attempts BIGINT NOT NULL,
            next_attempt TEXT COLLATE "C",
            last_error TEXT,
            PRIMARY KEY (alert, article)
        );
        CREATE INDEX alert_matches_state ON alert_matches(alert, state, found);
        """

    /// Tables whose presence without `marsad_migrations` means the database holds something else.
    static let ownTables = ["pages", "articles", "articles_fts", "stories"]

    static let v1 = #"""
        -- Days since 1970-01-01 of an ISO date (Howard Hinnant's days_from_civil, as ArabicText.CivilDays),
        -- or NULL when the text does not start with YYYY-MM-DD; for recency ranking.
        CREATE FUNCTION marsad_day(iso text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN iso ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                THEN (SELECT era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
                      FROM (SELECT y / 400 AS era, y - (y / 400) * 400 AS yoe,
                                   (153 * (m + CASE WHEN m > 2 THEN -3 ELSE 9 END) + 2) / 5 + d - 1 AS doy
                            FROM (SELECT substr(iso, 1, 4)::int - CASE WHEN substr(iso, 6, 2)::int <= 2 THEN 1 ELSE 0 END AS y,
                                         substr(iso, 6, 2)::int AS m, substr(iso, 9, 2)::int AS d) parts) civil)
            END
        $$;
        -- 0.5 ^ (age in days / half life); an article without a date counts as one half-life old.
        CREATE FUNCTION marsad_decay(published text, newest double precision, half_life double precision)
            RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN marsad_day(published) IS NULL OR newest IS NULL OR half_life <= 0 THEN 0.5
                        ELSE power(0.5, greatest(0, newest - marsad_day(published)) / half_life) END
        $$;
        CREATE TABLE pages (
            id BIGSERIAL PRIMARY KEY,
            source TEXT COLLATE "C" NOT NULL UNIQUE,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            digest BIGINT NOT NULL,
            ingested TEXT NOT NULL
        );
        CREATE TABLE stories (
            id BIGSERIAL PRIMARY KEY,
            created TEXT NOT NULL
        );
        -- One row per article; `document` is the article's JSON without its paragraphs, which live in
        -- `body` (one per line) for snippets.
        CREATE TABLE articles (
            seq BIGSERIAL PRIMARY KEY,
            id TEXT COLLATE "C" NOT NULL UNIQUE,
            page_id BIGINT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT COLLATE "C" NOT NULL,
            title TEXT NOT NULL,
            section TEXT COLLATE "C",
            section_key TEXT COLLATE "C",
            outlet TEXT COLLATE "C",
            outlet_key TEXT COLLATE "C",
            published TEXT COLLATE "C",
            url TEXT,
            lead TEXT,
            body TEXT NOT NULL,
            document TEXT NOT NULL,
            exact_hash BIGINT NOT NULL,
            minhash BYTEA,
            terms BYTEA,
            duplicate_of TEXT COLLATE "C",
            story_id BIGINT REFERENCES stories(id) ON DELETE SET NULL
        );
        CREATE INDEX articles_page ON articles(page_id);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_exact ON articles(exact_hash);
        CREATE INDEX articles_story ON articles(story_id);
        CREATE INDEX articles_section ON articles(section_key, published);
        CREATE INDEX articles_outlet ON articles(outlet_key, published);
        CREATE INDEX articles_duplicate ON articles(duplicate_of);
        CREATE TABLE images (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            caption TEXT NOT NULL,
            credit TEXT
        );
        CREATE INDEX images_article ON images(article);
        CREATE TABLE bylines (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            place TEXT
        );
        CREATE INDEX bylines_article ON bylines(article);
        CREATE TABLE quotes (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT COLLATE "C",
            speaker_key TEXT COLLATE "C",
            mention TEXT,
            cue TEXT,
            kind TEXT NOT NULL,
            paragraph INTEGER NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article);
        CREATE INDEX quotes_speaker ON quotes(speaker_key);
        CREATE TABLE entities (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            name TEXT COLLATE "C" NOT NULL,
            name_key TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            count INTEGER NOT NULL,
            mentions TEXT NOT NULL
        );
        CREATE INDEX entities_article ON entities(article);
        CREATE INDEX entities_name ON entities(name_key, type);
        CREATE INDEX entities_type ON entities(type, name_key);
        -- Every written form of an entity (its name and mentions), for the entity filter.
        CREATE TABLE entity_keys (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            key TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (key, article)
        );
        CREATE INDEX entity_keys_article ON entity_keys(article);
        CREATE TABLE quantities (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            text TEXT NOT NULL,
            value DOUBLE PRECISION NOT NULL,
            unit TEXT,
            kind TEXT NOT NULL
        );
        CREATE INDEX quantities_article ON quantities(article);
        CREATE TABLE dates (
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            text TEXT NOT NULL,
            value TEXT NOT NULL,
            relative TEXT
        );
        CREATE INDEX dates_article ON dates(article);
        -- MinHash LSH bands: articles sharing a band are near-duplicate candidates.
        CREATE TABLE lsh_bands (
            band BIGINT NOT NULL,
            article BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            PRIMARY KEY (band, article)
        );
        CREATE INDEX lsh_bands_article ON lsh_bands(article);
        -- Our own index terms (IndexDocument), as SQLite's FTS5 table holds them, and the weighted
        -- vector built from them with explicit positions (title A, subtitle B, captions C, body D).
        CREATE TABLE articles_fts (
            article BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
            title TEXT NOT NULL,
            subtitle TEXT NOT NULL,
            captions TEXT NOT NULL,
            body TEXT NOT NULL,
            vector TSVECTOR NOT NULL
        );
        CREATE INDEX articles_fts_vector ON articles_fts USING GIN (vector);
        """#
}


extension PostgresSchema {
    /// The statements of a migration: split at `;` ending a line (function bodies hold none).
    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { statement in
            !statement.isEmpty && !statement.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
        }
    }

    /// Brings the database up to the latest version. Every step is one transaction that first takes
    /// the migration lock with `pg_advisory_xact_lock`, so several processes opening a new archive at
    /// once apply each version once, and nothing outlives a transaction: a pooler in transaction
    /// mode (pgbouncer) may run each transaction on another server connection.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { connection in
            let run = Runner(connection: connection, logger: logger)
            var applied = try await run.transaction {
                try await run("SELECT pg_advisory_xact_lock(\(migrationLock))")
                let existing = try await tables(run)
                if !existing.contains("marsad_migrations") {
                    let clashing = ownTables.filter(existing.contains)
                    guard clashing.isEmpty else {
                        throw ArchiveError.corrupt("the database has tables \(clashing.joined(separator: ", ")) but no marsad_migrations")
                    }
                    try await run("CREATE TABLE marsad_migrations (version TEXT PRIMARY KEY, applied TEXT NOT NULL)")
                }
                return try await versions(run)
            }
            for (version, sql) in migrations where !applied.contains(version) {
                applied = try await run.transaction {
                    try await run("SELECT pg_advisory_xact_lock(\(migrationLock))")
                    // Another process may have applied it while this one waited for the lock.
                    let now = try await versions(run)
                    guard !now.contains(version) else { return now }
                    for statement in statements(sql) { try await run(statement) }
                    var binds = Binds()
                    try await run("INSERT INTO marsad_migrations VALUES (\(binds.add(version)), \(binds.add(PostgresArchive.now())))", binds)
                    return now.union([version])
                }
            }
        }
    }

    /// Checks, without writing, that the database is a Marsad archive at this build's version: how a
    /// read replica, which refuses every write, is opened.
    static func check(_ client: PostgresClient, location: String, logger: Logger) async throws {
        try await client.withConnection { connection in
            let run = Runner(connection: connection, logger: logger)
            guard try await tables(run).contains("marsad_migrations") else {
                throw ArchiveError.corrupt("\(location) is not a Marsad archive (no marsad_migrations); open the primary for writing once first")
            }
            let present = try await versions(run)
            let missing = migrations.map(\.version).filter { !present.contains($0) }
            guard missing.isEmpty else {
                throw ArchiveError.unavailable("\(location) lacks schema versions \(missing.joined(separator: ", ")); open the primary with this build to migrate it, then wait for the replica to replay it")
            }
        }
    }

    private static func tables(_ run: Runner) async throws -> Set<String> {
        Set(try await run("SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()")
            .map { try $0.string("name") })
    }

    private static func versions(_ run: Runner) async throws -> Set<String> {
        Set(try await run("SELECT version FROM marsad_migrations").map { try $0.string("version") })
    }

    /// Statements on one connection, and transactions of them.
    struct Runner {
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func callAsFunction(_ sql: String, _ binds: Binds = Binds()) async throws -> [PostgresRandomAccessRow] {
            try await PostgresArchive.rows(sql, binds, on: connection, logger: logger)
        }

        func transaction<Result>(_ body: () async throws -> Result) async throws -> Result {
            try await self("BEGIN")
            do {
                let result = try await body()
                try await self("COMMIT")
                return result
            } catch {
                _ = try? await self("ROLLBACK")
                throw error
            }
        }
    }
}
