import Foundation
import GRDB
import TermIndex

/// The archive's tables. Migrations are only ever added, never edited: a v1 archive written today
/// must open with every later version.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE pages (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL UNIQUE,
                    format TEXT NOT NULL,
                    encoding TEXT NOT NULL,
                    digest INTEGER NOT NULL,
                    ingested TEXT NOT NULL
                );
                CREATE TABLE stories (
                    id INTEGER PRIMARY KEY,
                    created TEXT NOT NULL
                );
                -- One row per article; `document` is the article's JSON without its paragraphs,
                -- which live in `body` (one per line) for snippets.
                CREATE TABLE articles (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    title TEXT NOT NULL,
                    section TEXT,
                    section_key TEXT,
                    outlet TEXT,
                    outlet_key TEXT,
                    published TEXT,
                    url TEXT,
                    lead TEXT,
                    body TEXT NOT NULL,
                    document TEXT NOT NULL,
                    exact_hash INTEGER NOT NULL,
                    minhash BLOB,
                    terms BLOB,
                    duplicate_of TEXT,
                    story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL
                );
                CREATE INDEX articles_page ON articles(page_id);
                CREATE INDEX articles_published ON articles(published);
                CREATE INDEX articles_exact ON articles(exact_hash);
                CREATE INDEX articles_story ON articles(story_id);
                CREATE INDEX articles_section ON articles(section_key, published);
                CREATE INDEX articles_outlet ON articles(outlet_key, published);
                CREATE INDEX articles_duplicate ON articles(duplicate_of);
                CREATE TABLE images (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    caption TEXT NOT NULL,
                    credit TEXT
                );
                CREATE INDEX images_article ON images(article);
                CREATE TABLE bylines (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    place TEXT
                );
                CREATE INDEX bylines_article ON bylines(article);
                CREATE TABLE quotes (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    speaker TEXT,
                    speaker_key TEXT,
                    mention TEXT,
                    cue TEXT,
                    kind TEXT NOT NULL,
                    paragraph INTEGER NOT NULL
                );
                CREATE INDEX quotes_article ON quotes(article);
                CREATE INDEX quotes_speaker ON quotes(speaker_key);
                CREATE TABLE entities (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    type TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    mentions TEXT NOT NULL
                );
                CREATE INDEX entities_article ON entities(article);
                CREATE INDEX entities_name ON entities(name_key, type);
                CREATE INDEX entities_type ON entities(type, name_key);
                -- Every written form of an entity (its name and mentions), for the entity filter.
                CREATE TABLE entity_keys (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    PRIMARY KEY (key, article)
                ) WITHOUT ROWID;
                CREATE INDEX entity_keys_article ON entity_keys(article);
                CREATE TABLE quantities (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    value REAL NOT NULL,
                    unit TEXT,
                    kind TEXT NOT NULL
                );
                CREATE INDEX quantities_article ON quantities(article);
                CREATE TABLE dates (
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    value TEXT NOT NULL,
                    relative TEXT
                );
                CREATE INDEX dates_article ON dates(article);
                -- MinHash LSH bands: articles sharing a band are near-duplicate candidates.
                CREATE TABLE lsh_bands (
                    band INTEGER NOT NULL,
                    article INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
                    PRIMARY KEY (band, article)
                ) WITHOUT ROWID;
                CREATE INDEX lsh_bands_article ON lsh_bands(article);
                -- Our own index terms (IndexDocument). The ascii tokenizer keeps non-ASCII terms whole and only
                -- lowercases ASCII, so the terms we wrote are the terms FTS5 indexes.
                CREATE VIRTUAL TABLE articles_fts USING fts5(title, subtitle, captions, body, tokenize = 'ascii');
                CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                    DELETE FROM articles_fts WHERE rowid = old.seq;
                END;
                """)
        }
        registerV2(&migrator)
        registerV3(&migrator)
        registerV4(&migrator)
        registerV5(&migrator)
        registerV6(&migrator)
        registerV7(&migrator)
        registerV8(&migrator)
        registerV9(&migrator)
        registerV10(&migrator)
        registerV11(&migrator)
        registerV12(&migrator)
        registerV13(&migrator)
        registerV14(&migrator)
        registerV15(&migrator)
        registerV16(&migrator)
        return migrator
    }
}

extension SQLiteSchema {
    /// v2 moves the large text columns out of `articles`, so that filters, facets and joins over
    /// thousands of hits read small rows (an `articles` row with its body spanned several pages, and
    /// the section/source facet pass over 13,000 hits took 80 ms).
    static func registerV2(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE article_texts (
                    seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
                    body TEXT NOT NULL,
                    document TEXT NOT NULL
                );
                INSERT INTO article_texts (seq, body, document) SELECT seq, body, document FROM articles;
                ALTER TABLE articles DROP COLUMN body;
                ALTER TABLE articles DROP COLUMN document;
                -- Entity and speaker facets read these columns only.
                CREATE INDEX entities_facet ON entities(article, name_key, name);
                CREATE INDEX quotes_facet ON quotes(article, speaker_key, speaker);
                """)
        }
    }
}

extension SQLiteSchema {
    /// v3: the `minhash` column holds the whole near-duplicate signature the policy reads.
    static func registerV3(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE articles RENAME COLUMN minhash TO signature")
        }
    }
}

extension SQLiteSchema {
    /// v4: a teaser flag (unlinked teasers are compared with each new full article) and the FTS5
    /// vocabulary, whose document frequencies pick the rare terms that find story candidates.
    static func registerV4(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN teaser INTEGER NOT NULL DEFAULT 0;
                UPDATE articles SET teaser = 1 WHERE seq IN (SELECT seq FROM article_texts WHERE body = '');
                CREATE INDEX articles_unlinked_teasers ON articles(seq) WHERE teaser = 1 AND duplicate_of IS NULL;
                CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
                """)
        }
    }
}

extension SQLiteSchema {
    /// v5: our own term index (TermIndex) beside FTS5, which keeps phrases, related articles and story
    /// probes. Segments hold a term dictionary, a doc table and postings cut in 16 KB chunks. An
    /// article deleted from `articles` is recorded with the rank of the next segment: segments written
    /// before it no longer count it. An archive that already has articles is indexed when it is next
    /// opened for writing (`complete` says when that is done).
    static func registerV5(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                CREATE TABLE search_segments (
                    uid INTEGER PRIMARY KEY AUTOINCREMENT,
                    rank INTEGER NOT NULL,
                    docs INTEGER NOT NULL,
                    tokens INTEGER NOT NULL,
                    postings_length INTEGER NOT NULL,
                    chunk_size INTEGER NOT NULL,
                    dictionary BLOB NOT NULL,
                    doc_table BLOB NOT NULL
                );
                CREATE TABLE search_chunks (
                    segment INTEGER NOT NULL REFERENCES search_segments(uid) ON DELETE CASCADE,
                    chunk INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (segment, chunk)
                );
                CREATE TABLE search_deleted (seq INTEGER PRIMARY KEY, before_rank INTEGER NOT NULL);
                CREATE TABLE search_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO search_state VALUES ('next_rank', 1), ('generation', 0), ('indexed_through', 0),
                    ('complete', (SELECT count(*) = 0 FROM articles));
                CREATE TABLE search_codes (kind TEXT NOT NULL, key TEXT NOT NULL, code INTEGER NOT NULL, label TEXT NOT NULL, PRIMARY KEY (kind, key));
                CREATE TRIGGER search_forget AFTER DELETE ON articles BEGIN
                    INSERT OR REPLACE INTO search_deleted VALUES (old.seq, (SELECT value FROM search_state WHERE key = 'next_rank'));
                END;
                """)
        }
    }
}

extension SQLiteSchema {
    /// v6: each article's entity and speaker codes in one small row, so that the entity and speaker
    /// facets of 500 hits read 500 rows instead of their thousands of entity and quote rows. Codes
    /// live in `search_codes` with kinds `entity` and `speaker`; a code's label is the smallest
    /// written form seen for its key.
    static func registerV6(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                CREATE INDEX search_codes_code ON search_codes(kind, code);
                CREATE TABLE search_facets (
                    seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
                    entities BLOB,
                    speakers BLOB
                );
                INSERT INTO search_state VALUES ('facets_through', 0), ('facets_complete', (SELECT count(*) = 0 FROM articles));
                """)
        }
    }

    /// v7: `entities_article` and `quotes_article` go. Since v2 `entities_facet` and `quotes_facet`
    /// begin with the article column, so they serve the same lookups (an article's rows, the cascade
    /// of a deleted article), and each entity and quote row updated one B-tree more than needed.
    static func registerV7(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7") { db in
            try db.execute(sql: """
                DROP INDEX IF EXISTS entities_article;
                DROP INDEX IF EXISTS quotes_article;
                """)
        }
    }

    /// v8: each segment counts the deleted articles it still holds (`dead_docs`), found by the seq
    /// range it covers (`first_seq`, `last_seq`), so that BM25's article count leaves them out and a
    /// segment a fifth dead is rewritten (``SearchSegments/reclaimIfNeeded(in:)``). Before, deleted
    /// articles counted until a merge, and the largest segments are never merged.
    ///
    /// The newest segment whose range holds the seq is the one holding its live copy: a seq is only
    /// ever reused for articles stored after it was deleted, so in newer segments. A seq deleted twice
    /// before the next segment (a page stored twice in one batch) counts once.
    static func registerV8(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8") { db in
            try db.execute(sql: """
                ALTER TABLE search_segments ADD COLUMN dead_docs INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE search_segments ADD COLUMN first_seq INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE search_segments ADD COLUMN last_seq INTEGER NOT NULL DEFAULT -1;
                DROP TRIGGER IF EXISTS search_forget;
                CREATE TRIGGER search_forget AFTER DELETE ON articles BEGIN
                    UPDATE search_segments SET dead_docs = min(docs, dead_docs + 1)
                    WHERE uid = (SELECT uid FROM search_segments WHERE first_seq <= old.seq AND old.seq <= last_seq ORDER BY rank DESC LIMIT 1)
                      AND NOT EXISTS (SELECT 1 FROM search_deleted
                                      WHERE seq = old.seq AND before_rank = (SELECT value FROM search_state WHERE key = 'next_rank'));
                    INSERT OR REPLACE INTO search_deleted VALUES (old.seq, (SELECT value FROM search_state WHERE key = 'next_rank'));
                END;
                """)
            try SearchSegments.recount(in: db)
        }
    }

    /// `published` sorts and filters as UTC (text order is time order only within one offset);
    /// `published_local` keeps the source's offset for display where it differs, null otherwise.
    static func registerV9(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9") { db in
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN published_local TEXT")
        }
    }
}

extension SQLiteSchema {
    /// v10: what `marsad watch` keeps between rounds, in the archive so that every watcher and the
    /// reading site share it (``WatchStateStore``): the watched sources with their schedule, health
    /// and HTTP validators, and the article URLs already dealt with, so that a listed URL is fetched
    /// again only when its feed says it changed. Known URLs stay when their source is removed: a
    /// source added back does not fetch its whole history again. The same tables as PostgreSQL's v3.
    static func registerV10(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    url TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    every_seconds INTEGER NOT NULL,
                    added TEXT NOT NULL,
                    next_due TEXT NOT NULL,
                    last_fetch TEXT,
                    last_status TEXT,
                    last_new INTEGER NOT NULL,
                    total_new INTEGER NOT NULL,
                    failures INTEGER NOT NULL,
                    last_error TEXT,
                    etag TEXT,
                    last_modified TEXT
                );
                CREATE TABLE known_urls (
                    url TEXT PRIMARY KEY,
                    source TEXT NOT NULL,
                    status TEXT NOT NULL,
                    last_fetch TEXT NOT NULL,
                    listed_date TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    attempts INTEGER NOT NULL,
                    last_error TEXT
                );
                CREATE INDEX known_urls_source ON known_urls(source);
                """)
        }
    }
}

extension SQLiteSchema {
    /// v11: the alerts that `marsad watch` runs after each round (``AlertStore``), and each article
    /// that matched one with where its delivery stands. A match is keyed by (alert, article), so that
    /// an article fires an alert once however many rounds find it. Alert ids are `AUTOINCREMENT`, so
    /// that a removed alert's id is never given to a new one (a retried delivery of the old alert
    /// must not be taken for the new one's). The same tables as PostgreSQL's v4.
    static func registerV11(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v11") { db in
            try db.execute(sql: """
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    query TEXT NOT NULL,
                    section TEXT,
                    source TEXT,
                    entity TEXT,
                    speaker TEXT,
                    webhook TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    created TEXT NOT NULL,
                    last_run TEXT,
                    delivered INTEGER NOT NULL,
                    failures INTEGER NOT NULL,
                    last_error TEXT
                );
                CREATE TABLE alert_matches (
                    alert INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
                    article TEXT NOT NULL,
                    state TEXT NOT NULL,
                    found TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt TEXT,
                    last_error TEXT,
                    PRIMARY KEY (alert, article)
                );
                CREATE INDEX alert_matches_state ON alert_matches(alert, state, found);
                """)
        }
    }
}

extension SQLiteSchema {
    /// v12: the linking stage's queue (``SQLiteArchive/link(limit:)``). Ingest stores an article
    /// with no story and only the extractor's copy link, and queues it with what linking needs that
    /// the row does not keep: the probe terms of its story and teaser lookups, and its LSH bands,
    /// which enter `lsh_bands` when it is linked (so the band index holds exactly the linked
    /// articles). Articles stored before v12 were linked by their ingest; the queue starts empty.
    static func registerV12(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12") { db in
            try db.execute(sql: """
                CREATE TABLE link_queue (
                    seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
                    story_terms TEXT NOT NULL,
                    teaser_terms TEXT,
                    bands BLOB
                );
                """)
        }
    }
}

extension SQLiteSchema {
    /// v13: what the story policy keeps of each story (``StoryProfile``): its centroid and the mean
    /// day of its articles, written by the linking stage as originals join. Stories made before v13
    /// have none; the policy then judges them by their members.
    static func registerV13(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v13") { db in
            try db.execute(sql: """
                CREATE TABLE story_profiles (
                    story INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
                    articles INTEGER NOT NULL,
                    centroid BLOB NOT NULL,
                    day_sum INTEGER NOT NULL,
                    dated INTEGER NOT NULL
                );
                """)
        }
    }
}

extension SQLiteSchema {
    /// v14: each story's most central article (``StoryProfile/central``), which titles it.
    static func registerV14(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v14") { db in
            try db.execute(sql: """
                ALTER TABLE story_profiles ADD COLUMN central INTEGER;
                ALTER TABLE story_profiles ADD COLUMN central_score REAL NOT NULL DEFAULT 0;
                """)
        }
    }
}

extension SQLiteSchema {
    /// v15: entities with identity (``EntityResolver``). `entity_aliases` maps every name (type and
    /// search key) that `entities` rows and quote speakers carry to its entity; `archive_entities`
    /// holds each entity's canonical name and counts; `entity_corrections` keeps the user's merges
    /// and splits by name, so that a re-ingest that renumbers everything applies them again.
    static func registerV15(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v15") { db in
            try db.execute(sql: """
                CREATE TABLE archive_entities (
                    id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL,
                    name TEXT NOT NULL,
                    articles INTEGER NOT NULL,
                    mentions INTEGER NOT NULL,
                    quotes INTEGER NOT NULL,
                    first TEXT,
                    last TEXT
                );
                CREATE INDEX archive_entities_rank ON archive_entities(articles DESC, id);
                CREATE TABLE entity_aliases (
                    type TEXT NOT NULL,
                    key TEXT NOT NULL,
                    entity INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    articles INTEGER NOT NULL,
                    PRIMARY KEY (type, key)
                ) WITHOUT ROWID;
                CREATE INDEX entity_aliases_entity ON entity_aliases(entity, articles DESC);
                CREATE INDEX entity_aliases_key ON entity_aliases(key);
                CREATE TABLE entity_corrections (
                    seq INTEGER PRIMARY KEY,
                    operation TEXT NOT NULL CHECK (operation IN ('merge', 'split')),
                    type TEXT NOT NULL,
                    key TEXT NOT NULL,
                    other_type TEXT,
                    other_key TEXT,
                    made TEXT NOT NULL
                );
                """)
        }
    }
}

extension SQLiteSchema {
    /// v16: each story's saga (``SagaBuilder``), rebuilt after linking; a story in no saga has no row.
    static func registerV16(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v16") { db in
            try db.execute(sql: """
                CREATE TABLE sagas (
                    story INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
                    saga INTEGER NOT NULL
                );
                CREATE INDEX sagas_saga ON sagas(saga);
                """)
        }
    }
}
