public import Archive
import Foundation
import GRDB
import NewsModel

/// An article waiting for the linking stage: what its queue row and its article row hold.
struct LinkSubject {
    let seq: Int64
    let id: String
    /// The copy link the extractor made within the page, if any.
    let extractedCopyOf: String?
    let published: String?
    let isTeaser: Bool
    let fingerprint: ArticleFingerprint
    /// The story lookup's probe: the rarest of its characteristic terms, chosen when it was stored.
    let storyProbe: [String]
    /// A teaser's probe for the article it teases: the rarest of its title terms.
    let teaserProbe: [String]
}

/// What the lookups of one linking transaction share.
struct LinkBatch {
    let policy: any SimilarityPolicy
    /// The term index, for the story lookups.
    let index: WriterTermIndex
    /// The linked articles the lookups have read or this linker has linked.
    let candidates: StoryCandidateCache
    let now: String
}

/// The queue of stored articles not linked yet (`link_queue`, schema v12).
enum LinkQueue {
    /// The probes of an article about to be stored, chosen as the lookups inside the ingest
    /// transaction chose them: by the document frequencies among the articles stored before it (the
    /// batch's own included), which linking later cannot know once more articles are indexed.
    static func probes(for item: ArchiveArticle, in db: Database, batch: IngestBatch) throws -> (story: [String], teaser: [String]?) {
        let story = batch.policy.storyWindowDays > 0 && !item.fingerprint.terms.isEmpty
            ? try RareTerms.probe(item.characteristicTerms, in: db, batch: batch) : []
        guard item.article.paragraphs.isEmpty, !item.fingerprint.signature.isEmpty else { return (story, nil) }
        let titleTerms = RelatedQuery.terms(title: item.index.title, body: item.index.subtitle, limit: 16)
        return (story, try RareTerms.probe(titleTerms, in: db, batch: batch))
    }

    /// Queues an article just stored, with its probes and its bands, which the row does not keep.
    static func add(seq: Int64, probes: (story: [String], teaser: [String]?), bands keys: [Int64], in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO link_queue (seq, story_terms, teaser_terms, bands) VALUES (?, ?, ?, ?)").execute(
            arguments: [seq, terms(probes.story), probes.teaser.map(terms), bands(keys)])
    }

    /// Index terms are single tokens, so a space separates them.
    static func terms(_ list: [String]) -> String { list.joined(separator: " ") }

    static func terms(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: " ").map(String.init)
    }

    /// Band keys as 8 little-endian bytes each; nil for none.
    static func bands(_ keys: [Int64]) -> Data? {
        guard !keys.isEmpty else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(keys.count * 8)
        for key in keys { withUnsafeBytes(of: key.littleEndian) { bytes.append(contentsOf: $0) } }
        return Data(bytes)
    }

    static func bands(_ data: Data?) throws -> [Int64] {
        guard let data else { return [] }
        guard data.count % 8 == 0 else { throw ArchiveError.corrupt("link_queue: bands of \(data.count) bytes, not a multiple of 8") }
        return stride(from: 0, to: data.count, by: 8).map { offset in
            data[data.startIndex + offset..<data.startIndex + offset + 8].reversed().reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }

    static let takeSQL = """
        SELECT q.seq, q.story_terms, q.teaser_terms, q.bands, a.id, a.exact_hash, a.duplicate_of, a.published, a.teaser, a.signature, a.terms
        FROM link_queue q JOIN articles a ON a.seq = q.seq ORDER BY q.seq LIMIT ?
        """

    /// The oldest `limit` queued articles, oldest first.
    static func take(_ limit: Int, in db: Database) throws -> [LinkSubject] {
        try Row.fetchAll(db.cachedStatement(sql: takeSQL), arguments: [limit]).map { row in
            LinkSubject(
                seq: row["seq"], id: row["id"], extractedCopyOf: row["duplicate_of"], published: row["published"],
                isTeaser: row["teaser"],
                fingerprint: ArticleFingerprint(
                    exact: UInt64(bitPattern: row["exact_hash"]),
                    signature: (row["signature"] as Data?).map { [UInt8]($0) } ?? [],
                    bands: try bands(row["bands"]),
                    terms: (row["terms"] as Data?).map { [UInt8]($0) } ?? []),
                storyProbe: terms(row["story_terms"]), teaserProbe: terms(row["teaser_terms"]))
        }
    }

    static func count(in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM link_queue")) ?? 0
    }
}

extension SQLiteArchive {
    /// When ingest's articles are linked.
    public enum Linking: Sendable {
        /// Right after each ingest commits, before `ingest` returns: a page is in its story when the
        /// call ends. What the server and the watcher use.
        case afterEachWrite
        /// Only when ``link(limit:)`` is called: bulk ingest stores everything first, and links after.
        case deferred
    }

    public func link(limit: Int = LinkProgress.batch) async throws -> LinkProgress {
        try await linkReportingCopies(limit: limit).progress
    }

    /// The same, with the seqs of the linked articles that copy another.
    func linkReportingCopies(limit: Int) async throws -> (progress: LinkProgress, copies: [Int64]) {
        let now = Self.now()
        do {
            return try await writer.write { db in
                try writerIndex.prepare(in: db)
                try storyCandidates.prepare(in: db)
                let batch = LinkBatch(policy: policy, index: writerIndex, candidates: storyCandidates, now: now)
                var progress = LinkProgress()
                var copies = [Int64]()
                for subject in try LinkQueue.take(max(1, limit), in: db) {
                    if try Self.link(subject, in: db, batch: batch, progress: &progress) { copies.append(subject.seq) }
                }
                progress.pending = try LinkQueue.count(in: db)
                return (progress, copies)
            }
        } catch {
            // Rolled back: the stories the cache took from this transaction will be made again.
            storyCandidates.removeAll()
            throw writeError(error, source: "the linking stage")
        }
    }

    /// Links every queued article, in transactions of ``LinkProgress/batch``, with the seqs of those that copy
    /// another.
    func linkAllReportingCopies() async throws -> (progress: LinkProgress, copies: Set<Int64>) {
        var total = LinkProgress()
        var copies = Set<Int64>()
        while true {
            let (progress, found) = try await linkReportingCopies(limit: LinkProgress.batch)
            total.add(progress)
            copies.formUnion(found)
            if progress.pending == 0 || progress.linked == 0 { break }
        }
        return (total, copies)
    }

    /// Links one article against the articles stored before it, and takes it off the queue; returns
    /// whether it copies another (found here, or by the extractor within its page).
    static func link(_ subject: LinkSubject, in db: Database, batch: LinkBatch, progress: inout LinkProgress) throws -> Bool {
        let copy = try duplicateTarget(of: subject, in: db, batch: batch)
        let original = subject.extractedCopyOf ?? copy?.id
        let storyID: Int64
        if let story = copy?.story {
            storyID = story
        } else if let story = try StoryAssigner.story(for: subject, in: db, batch: batch) {
            storyID = story
        } else {
            try db.cachedStatement(sql: "INSERT INTO stories (created) VALUES (?)").execute(arguments: [batch.now])
            storyID = db.lastInsertedRowID
        }
        try db.cachedStatement(sql: "UPDATE articles SET duplicate_of = ?, story_id = ? WHERE seq = ?").execute(
            arguments: [original, storyID, subject.seq])
        if batch.policy.storyWindowDays > 0 {
            let fingerprint = subject.fingerprint
            batch.candidates.store(
                StoryCandidate(
                    id: subject.id, story: storyID, duplicateOf: original, published: subject.published,
                    signature: fingerprint.signature.isEmpty ? nil : fingerprint.signature,
                    terms: fingerprint.terms.isEmpty ? nil : fingerprint.terms),
                seq: subject.seq)
        }
        if original == nil {
            try StoryProfiles.add(subject, story: storyID, in: db, policy: batch.policy)
            progress.adoptedTeasers += try NearDuplicates.adoptTeasers(of: subject, story: storyID, in: db, batch: batch)
        }
        for band in subject.fingerprint.bands {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)").execute(arguments: [band, subject.seq])
        }
        try db.cachedStatement(sql: "DELETE FROM link_queue WHERE seq = ?").execute(arguments: [subject.seq])
        progress.linked += 1
        if subject.extractedCopyOf == nil, copy != nil { progress.copies += 1 }
        return original != nil
    }

    /// The earlier article this one copies: the same normalized text, else a near duplicate by
    /// MinHash. The oldest original wins, so chains of copies all point at one article.
    static func duplicateTarget(of subject: LinkSubject, in db: Database, batch: LinkBatch) throws -> (id: String, story: Int64?)? {
        let sameText = try db.cachedStatement(
            sql: "SELECT id, story_id, duplicate_of FROM articles WHERE exact_hash = ? AND seq < ? ORDER BY seq LIMIT 1")
        if let row = try Row.fetchOne(sameText, arguments: [Int64(bitPattern: subject.fingerprint.exact), subject.seq]) {
            let original: String = row["duplicate_of"] ?? row["id"]
            // An earlier copy already tied to this article (by the extractor) is not its original.
            if original != subject.id { return (original, row["story_id"]) }
        }
        return try NearDuplicates.find(for: subject, in: db, batch: batch)
    }
}
