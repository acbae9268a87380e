public import Archive
import Foundation
import GRDB
import NewsModel

/// What the writes and lookups of one write transaction share.
struct IngestBatch {
    let policy: any SimilarityPolicy
    /// The archive's document frequencies, for the rare-term probes.
    let frequencies: TermFrequencies
    /// The term index, for the story lookups.
    let index: WriterTermIndex
    /// The stored articles the story lookups have read or this writer has stored.
    let candidates: StoryCandidateCache
    /// The FTS5 rows still to write.
    var pending = PendingIndexRows()
    /// Facet codes made in this transaction, for the archive's cache once it commits.
    var names: SearchFacets.NameCodes
}

extension SQLiteArchive {
    public func ingest(_ page: ArchivePage) async throws -> IngestOutcome {
        try await ingest(batch: [page])[0]
    }

    /// Stores the pages in one transaction: all of them or none. A batch amortizes the commit; the
    /// ingest command sends a few dozen pages at a time.
    public func ingest(batch pages: [ArchivePage]) async throws -> [IngestOutcome] {
        guard !pages.isEmpty else { return [] }
        let now = Self.now()
        do {
            let (outcomes, names) = try await writer.write { db in
                try writerIndex.prepare(in: db)
                try storyCandidates.prepare(in: db)
                var batch = IngestBatch(
                    policy: policy, frequencies: termFrequencies, index: writerIndex, candidates: storyCandidates,
                    names: SearchFacets.NameCodes(committed: nameCodes))
                let outcomes = try pages.map { try Self.store($0, in: db, now: now, batch: &batch) }
                // The batch's FTS5 rows are written last (see PendingIndexRows).
                try batch.pending.write(to: db)
                try SearchSegments.append(batch.pending.entries, names: &batch.names, in: db)
                return (outcomes, batch.names.known)
            }
            // Committed: the codes are the archive's now.
            nameCodes.commit(names)
            return outcomes
        } catch {
            // Rolled back: the seqs the cache took from this transaction will be given again.
            storyCandidates.removeAll()
            throw writeError(error, source: pages.count == 1 ? pages[0].source : "\(pages[0].source) and \(pages.count - 1) more pages")
        }
    }

    static func store(
        _ page: ArchivePage, in db: Database, now: String, batch: inout IngestBatch
    ) throws -> IngestOutcome {
        let digest = Int64(bitPattern: page.digest)
        var status = IngestOutcome.Status.inserted
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, digest FROM pages WHERE source = ?"), arguments: [page.source]) {
            if row["digest"] as Int64 == digest {
                return IngestOutcome(source: page.source, status: .unchanged, articles: page.articles.count, duplicates: 0)
            }
            // A changed page: its old articles go (with their images, quotes, index rows) and the new
            // ones come in, in the same transaction.
            let pageID: Int64 = row["id"]
            let gone = try Int64.fetchAll(db, sql: "SELECT seq FROM articles WHERE page_id = ?", arguments: [pageID])
            batch.candidates.remove(gone)
            batch.pending.remove(seqs: Set(gone))
            try db.execute(sql: "DELETE FROM pages WHERE id = ?", arguments: [pageID])
            status = .updated
        }
        try db.execute(
            sql: "INSERT INTO pages (source, format, encoding, digest, ingested) VALUES (?, ?, ?, ?, ?)",
            arguments: [page.source, page.format.rawValue, page.encoding, digest, now])
        let pageID = db.lastInsertedRowID
        var duplicates = 0
        for (position, item) in page.articles.enumerated() {
            if try storeArticle(item, position: position, pageID: pageID, in: db, now: now, batch: &batch) { duplicates += 1 }
        }
        return IngestOutcome(source: page.source, status: status, articles: page.articles.count, duplicates: duplicates)
    }

    /// Inserts one article and everything hanging off it; returns whether it duplicates another (one
    /// already stored, or one the extractor linked on the same page).
    static func storeArticle(
        _ item: ArchiveArticle, position: Int, pageID: Int64, in db: Database, now: String, batch: inout IngestBatch
    ) throws -> Bool {
        var article = item.article
        let exact = Int64(bitPattern: item.fingerprint.exact)
        // An id already stored elsewhere (two pages with the same source-less content): keep both.
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM articles WHERE id = ?"), arguments: [article.id]) == true {
            article.id += "-\(pageID)"
        }
        let copy = try duplicateTarget(of: item, exact: exact, in: db, batch: batch)
        if article.duplicateOf == nil { article.duplicateOf = copy?.id }
        let storyID: Int64
        if let story = copy?.story {
            storyID = story
        } else if let story = try StoryAssigner.story(for: item, published: item.publishedKey, in: db, batch: batch) {
            storyID = story
        } else {
            try db.cachedStatement(sql: "INSERT INTO stories (created) VALUES (?)").execute(arguments: [now])
            storyID = db.lastInsertedRowID
        }
        let paragraphs = article.paragraphs
        // Made with the article, unless the store gave it another id or an original.
        let json = article == item.article ? item.documentJSON : ArchiveArticle.documentJSON(article)
        let lead = (paragraphs.first { !$0.isEmpty } ?? article.summary).map { String($0.prefix(300)) }
        try db.cachedStatement(
            sql: """
                INSERT INTO articles (id, page_id, position, role, title, section, section_key, outlet, outlet_key,
                    published, published_local, url, lead, exact_hash, signature, terms, duplicate_of, story_id, teaser)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).execute(arguments: [
                article.id, pageID, position, article.role.rawValue, article.title,
                article.section, article.section.map(ArchiveKey.of), item.outlet, item.outlet.map(ArchiveKey.of),
                item.publishedKey, item.publishedLocal, article.url, lead, exact,
                item.fingerprint.signature.isEmpty ? nil : Data(item.fingerprint.signature),
                item.fingerprint.terms.isEmpty ? nil : Data(item.fingerprint.terms),
                article.duplicateOf, storyID, paragraphs.isEmpty,
            ])
        let seq = db.lastInsertedRowID
        if batch.policy.storyWindowDays > 0 {
            batch.candidates.store(
                StoryCandidate(
                    id: article.id, story: storyID, duplicateOf: article.duplicateOf, published: item.publishedKey,
                    // Copies of their own: the fingerprint's buffers were grown by appending, up to
                    // twice their size.
                    signature: item.fingerprint.signature.isEmpty ? nil : item.fingerprint.signature.withUnsafeBufferPointer { Array($0) },
                    terms: item.fingerprint.terms.isEmpty ? nil : item.fingerprint.terms.withUnsafeBufferPointer { Array($0) }),
                seq: seq)
        }
        try db.cachedStatement(sql: "INSERT INTO article_texts (seq, body, document) VALUES (?, ?, ?)").execute(
            arguments: [seq, paragraphs.joined(separator: "\n"), json])
        if article.duplicateOf == nil {
            try NearDuplicates.adoptTeasers(of: item, id: article.id, story: storyID, seq: seq, in: db, policy: batch.policy, candidates: batch.candidates)
        }
        var facets = SearchFacets.FacetNames()
        for (i, image) in article.images.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO images VALUES (?, ?, ?, ?)").execute(arguments: [seq, i, image.caption, image.credit])
        }
        for (i, byline) in article.bylines.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO bylines VALUES (?, ?, ?, ?, ?)").execute(arguments: [seq, i, byline.name, byline.kind.rawValue, byline.place])
        }
        for (i, quote) in article.quotes.enumerated() {
            let speakerKey = quote.speaker.map(ArchiveKey.of)
            if let speaker = quote.speaker, let speakerKey, !speakerKey.isEmpty { facets.speakers.append((speakerKey, speaker)) }
            try db.cachedStatement(sql: "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(
                arguments: [seq, i, quote.text, quote.speaker, speakerKey, quote.mention, quote.cue, quote.kind.rawValue, quote.paragraph])
        }
        for entity in article.entities {
            let mentions = DocumentJSON.string(.array(entity.mentions.map { .string($0) }), pretty: false)
            let nameKey = ArchiveKey.of(entity.name)
            if !nameKey.isEmpty { facets.entities.append((nameKey, entity.name)) }
            try db.cachedStatement(sql: "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)").execute(
                arguments: [seq, entity.name, nameKey, entity.type.rawValue, entity.count, mentions])
            for key in Set([entity.name] + entity.mentions).map(ArchiveKey.of) where !key.isEmpty {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_keys VALUES (?, ?)").execute(arguments: [seq, key])
            }
        }
        for quantity in article.quantities {
            try db.cachedStatement(sql: "INSERT INTO quantities VALUES (?, ?, ?, ?, ?)").execute(arguments: [seq, quantity.text, quantity.value, quantity.unit, quantity.kind.rawValue])
        }
        for date in article.dates {
            try db.cachedStatement(sql: "INSERT INTO dates VALUES (?, ?, ?, ?)").execute(arguments: [seq, date.text, date.value, date.relative])
        }
        for band in item.fingerprint.bands {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)").execute(arguments: [band, seq])
        }
        batch.pending.add(seq: seq, index: item.index, facets: facets)
        return article.duplicateOf != nil
    }

    /// The stored article this one copies: the same normalized text, else a near duplicate by MinHash.
    /// The oldest original wins, so chains of copies all point at one article.
    static func duplicateTarget(
        of item: ArchiveArticle, exact: Int64, in db: Database, batch: IngestBatch
    ) throws -> (id: String, story: Int64?)? {
        let sameText = try db.cachedStatement(sql: "SELECT id, story_id, duplicate_of FROM articles WHERE exact_hash = ? ORDER BY seq LIMIT 1")
        if let row = try Row.fetchOne(sameText, arguments: [exact]) {
            let original: String = row["duplicate_of"] ?? row["id"]
            return (original, row["story_id"])
        }
        return try NearDuplicates.find(for: item, in: db, batch: batch)
    }
}
