public import Archive
import Foundation
import GRDB
import NewsModel

/// What the writes of one ingest transaction share.
struct IngestBatch {
    let policy: any SimilarityPolicy
    /// The archive's document frequencies, for choosing each article's probe terms.
    let frequencies: TermFrequencies
    /// The term index, which answers the frequencies.
    let index: WriterTermIndex
    /// The linking stage's cache, told of the articles a changed page deletes.
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
            let (stored, names) = try await writer.write { db in
                try writerIndex.prepare(in: db)
                try storyCandidates.prepare(in: db)
                var batch = IngestBatch(
                    policy: policy, frequencies: termFrequencies, index: writerIndex, candidates: storyCandidates,
                    names: SearchFacets.NameCodes(committed: nameCodes))
                let stored = try pages.map { try Self.store($0, in: db, now: now, batch: &batch) }
                // The batch's FTS5 rows are written last (see PendingIndexRows).
                try batch.pending.write(to: db)
                try SearchSegments.append(batch.pending.entries, names: &batch.names, in: db)
                return (stored, batch.names.known)
            }
            // Committed: the codes are the archive's now.
            nameCodes.commit(names)
            guard linking == .afterEachWrite else { return stored.map(\.outcome) }
            // Linked before returning: each page's outcome counts the copies the linking stage found.
            let copySeqs = try await linkAllReportingCopies().copies
            return stored.map { page in
                var outcome = page.outcome
                if outcome.status != .unchanged { outcome.duplicates = page.seqs.count(where: copySeqs.contains) }
                return outcome
            }
        } catch {
            // Rolled back: the seqs the cache took from this transaction will be given again.
            storyCandidates.removeAll()
            throw writeError(error, source: pages.count == 1 ? pages[0].source : "\(pages[0].source) and \(pages.count - 1) more pages")
        }
    }

    /// Stores one page; returns what it did and the seqs of the articles it stored.
    static func store(
        _ page: ArchivePage, in db: Database, now: String, batch: inout IngestBatch
    ) throws -> (outcome: IngestOutcome, seqs: [Int64]) {
        let digest = Int64(bitPattern: page.digest)
        var status = IngestOutcome.Status.inserted
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, digest FROM pages WHERE source = ?"), arguments: [page.source]) {
            if row["digest"] as Int64 == digest {
                return (IngestOutcome(source: page.source, status: .unchanged, articles: page.articles.count, duplicates: 0), [])
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
        var seqs = [Int64]()
        for (position, item) in page.articles.enumerated() {
            let (seq, isCopy) = try storeArticle(item, position: position, pageID: pageID, in: db, now: now, batch: &batch)
            seqs.append(seq)
            if isCopy { duplicates += 1 }
        }
        return (IngestOutcome(source: page.source, status: status, articles: page.articles.count, duplicates: duplicates), seqs)
    }

    /// Inserts one article and everything hanging off it, and queues it for the linking stage;
    /// returns its seq and whether the extractor found it to copy another article of the page.
    static func storeArticle(
        _ item: ArchiveArticle, position: Int, pageID: Int64, in db: Database, now: String, batch: inout IngestBatch
    ) throws -> (seq: Int64, isCopy: Bool) {
        var article = item.article
        let exact = Int64(bitPattern: item.fingerprint.exact)
        // An id already stored elsewhere (two pages with the same source-less content): keep both.
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM articles WHERE id = ?"), arguments: [article.id]) == true {
            article.id += "-\(pageID)"
        }
        let probes = try LinkQueue.probes(for: item, in: db, batch: batch)
        let paragraphs = article.paragraphs
        // Made with the article, unless the store gave it another id.
        let json = article == item.article ? item.documentJSON : ArchiveArticle.documentJSON(article)
        let lead = (paragraphs.first { !$0.isEmpty } ?? article.summary).map { String($0.prefix(300)) }
        try db.cachedStatement(
            sql: """
                INSERT INTO articles (id, page_id, position, role, title, section, section_key, outlet, outlet_key,
                    published, published_local, url, lead, exact_hash, signature, terms, duplicate_of, story_id, teaser)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                """
            ).execute(arguments: [
                article.id, pageID, position, article.role.rawValue, article.title,
                article.section, article.section.map(ArchiveKey.of), item.outlet, item.outlet.map(ArchiveKey.of),
                item.publishedKey, item.publishedLocal, article.url, lead, exact,
                item.fingerprint.signature.isEmpty ? nil : Data(item.fingerprint.signature),
                item.fingerprint.terms.isEmpty ? nil : Data(item.fingerprint.terms),
                article.duplicateOf, paragraphs.isEmpty,
            ])
        let seq = db.lastInsertedRowID
        try LinkQueue.add(seq: seq, probes: probes, bands: item.fingerprint.bands, in: db)
        try db.cachedStatement(sql: "INSERT INTO article_texts (seq, body, document) VALUES (?, ?, ?)").execute(
            arguments: [seq, paragraphs.joined(separator: "\n"), json])
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
        batch.pending.add(seq: seq, index: item.index, facets: facets)
        return (seq, article.duplicateOf != nil)
    }
}
