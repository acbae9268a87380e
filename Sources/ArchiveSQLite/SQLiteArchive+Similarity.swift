import Archive
import Foundation
import GRDB
import NewsModel
import Synchronization
import TermIndex

/// Near-duplicate lookup: articles sharing an LSH band with the new one, checked by the policy.
enum NearDuplicates {
    /// Candidates checked per article; a band shared by thousands (boilerplate) says little.
    static let candidateLimit = 50

    static func find(for subject: LinkSubject, in db: Database, batch: LinkBatch) throws -> (id: String, story: Int64?)? {
        let fingerprint = subject.fingerprint
        guard !fingerprint.signature.isEmpty else { return nil }
        if subject.isTeaser {
            // A teaser shares few shingles with its article: look among the full articles that share
            // its title terms instead, and let the policy compare leads.
            return try findTeasersArticle(for: subject, in: db, batch: batch)
        }
        guard !fingerprint.bands.isEmpty else { return nil }
        let placeholders = Array(repeating: "?", count: fingerprint.bands.count).joined(separator: ",")
        // The band index holds linked articles only, all of them stored before this one. The
        // articles come from the linker's cache, or their rows when not kept.
        let seqs = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT article FROM lsh_bands WHERE band IN (\(placeholders)) LIMIT \(candidateLimit)"),
            arguments: StatementArguments(fingerprint.bands))
        for candidate in try batch.candidates.articles(seqs, in: db) {
            // A teaser the extractor already tied to this article is its copy, not its original.
            guard let stored = candidate.stored, (candidate.duplicateOf ?? candidate.id) != subject.id else { continue }
            if batch.policy.isNearDuplicate(fingerprint, of: stored) {
                return (candidate.duplicateOf ?? candidate.id, stored.story)
            }
        }
        return nil
    }
}

extension NearDuplicates {
    static let teaserCandidateLimit = 50

    /// Full articles stored before the teaser that hold its rarest title terms, newest first.
    static let teaserCandidatesSQL = """
        SELECT a.id, a.story_id, a.duplicate_of, a.published, a.signature, a.terms
        FROM articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid
        WHERE articles_fts MATCH ? AND articles_fts.rowid < ?
          AND a.duplicate_of IS NULL AND a.signature IS NOT NULL AND a.teaser = 0
        ORDER BY articles_fts.rowid DESC LIMIT ?
        """

    static func findTeasersArticle(for subject: LinkSubject, in db: Database, batch: LinkBatch) throws -> (id: String, story: Int64?)? {
        let probe = subject.teaserProbe
        guard !probe.isEmpty else { return nil }
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: teaserCandidatesSQL), arguments: [RareTerms.expression(probe), subject.seq, teaserCandidateLimit])
        for row in rows {
            guard let stored = StoryAssigner.stored(row) else { continue }
            if batch.policy.isNearDuplicate(subject.fingerprint, of: stored) { return (stored.id, stored.story) }
        }
        return nil
    }

    /// Unlinked teasers compared with each new full article; teasers are few, and the newest are
    /// the ones whose article is likeliest to arrive.
    static let teaserAdoptionLimit = 200

    /// The newest unlinked teasers stored before the article. INDEXED BY: without statistics SQLite prefers
    /// `articles_duplicate` for `duplicate_of IS NULL`, which walks every original in the archive
    /// (2 ms an article at 8,000 articles, the largest cost of ingest); the partial index holds the
    /// unlinked teasers only.
    static let unlinkedTeasersSQL = """
        SELECT seq, id, story_id, published, signature, terms FROM articles INDEXED BY articles_unlinked_teasers
        WHERE teaser = 1 AND duplicate_of IS NULL AND signature IS NOT NULL AND seq < ?
        ORDER BY seq DESC LIMIT \(teaserAdoptionLimit)
        """

    /// A full article arriving after its teasers: the earlier teasers it contains become its copies.
    /// Returns how many it adopted.
    static func adoptTeasers(of subject: LinkSubject, story: Int64, in db: Database, batch: LinkBatch) throws -> Int {
        guard !subject.isTeaser, !subject.fingerprint.signature.isEmpty else { return 0 }
        let rows = try Row.fetchAll(db.cachedStatement(sql: unlinkedTeasersSQL), arguments: [subject.seq])
        var adopted = 0
        for row in rows {
            guard let stored = StoryAssigner.stored(row), batch.policy.isNearDuplicate(subject.fingerprint, of: stored) else { continue }
            let teaser: Int64 = row["seq"]
            try db.cachedStatement(sql: "UPDATE articles SET duplicate_of = ?, story_id = ? WHERE seq = ?").execute(arguments: [subject.id, story, teaser])
            batch.candidates.adopt(teaser, original: subject.id, story: story)
            adopted += 1
        }
        return adopted
    }
}

/// Story assignment: the articles published within the policy's window that share the new one's
/// strongest terms (an FTS5 query) are the candidates; the policy picks the story to join.
enum StoryAssigner {
    static let candidateLimit = 100

    static func stored(_ row: Row) -> StoredFingerprint? {
        StoryCandidate(row).stored
    }

    /// The stored articles of the window that hold a probe term, newest first. The window's seqs
    /// (a covering range of `articles_published`) are intersected with the FTS5 matches before any
    /// article row is read: matching first and reading each match's row to test its date read 2,300
    /// rows a lookup at 41,686 articles (2.8 ms, most of ingest's time), for some 50 kept.
    static let candidatesSQL = """
        SELECT a.id, a.story_id, a.duplicate_of, a.published, a.signature, a.terms FROM articles a
        WHERE a.seq IN (
            SELECT seq FROM articles WHERE published >= ? AND published < ?
            INTERSECT SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)
          AND a.seq < ? AND a.terms IS NOT NULL AND a.story_id IS NOT NULL
        ORDER BY a.seq DESC LIMIT ?
        """

    /// The same for an article without a date: every stored article that holds a probe term.
    static let undatedCandidatesSQL = """
        SELECT a.id, a.story_id, a.duplicate_of, a.published, a.signature, a.terms FROM articles a
        WHERE a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ?)
          AND a.terms IS NOT NULL AND a.story_id IS NOT NULL
        ORDER BY a.seq DESC LIMIT ?
        """

    /// The story of the candidate the policy picks, or nil for a new story. Candidates are the
    /// articles stored before `subject`, which are all linked (the stage links in seq order).
    static func story(for subject: LinkSubject, in db: Database, batch: LinkBatch) throws -> Int64? {
        let policy = batch.policy
        guard policy.storyWindowDays > 0, !subject.fingerprint.terms.isEmpty else { return nil }
        // The article's rarest characteristic terms, matched among the articles of the window: the
        // window comes first (an index range), so a common word never walks the whole archive.
        let probe = subject.storyProbe
        guard !probe.isEmpty else { return nil }
        var window: (from: String, to: String)?
        var windowKeys: (from: Int64, to: Int64)?
        if let published = subject.published, let day = ArchiveDates.dayNumber(published) {
            // Either side of the date: archives are filled out of order.
            let bounds = (from: ArchiveDates.isoDay(day - policy.storyWindowDays), to: ArchiveDates.isoDay(day + policy.storyWindowDays + 1))
            window = bounds
            windowKeys = (PublishedKey.key(bounds.from) ?? 0, PublishedKey.key(bounds.to) ?? 0)
        }
        var found = [StoryCandidate]()
        if let seqs = try batch.index.seqs(holding: probe, from: windowKeys?.from, to: windowKeys?.to, before: subject.seq, in: db) {
            // The index's answer, read newest first until enough have a fingerprint and a story.
            var start = 0
            while found.count < candidateLimit, start < seqs.count {
                let chunk = seqs[start..<min(seqs.count, start + candidateLimit * 2)]
                start = chunk.endIndex
                found += try batch.candidates.candidates(chunk, window: nil, limit: candidateLimit - found.count, in: db)
            }
        } else {
            let expression = RareTerms.expression(probe)
            let rows: [Row]
            if let window {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: candidatesSQL), arguments: [window.from, window.to, expression, subject.seq, candidateLimit])
            } else {
                rows = try Row.fetchAll(db.cachedStatement(sql: undatedCandidatesSQL), arguments: [expression, subject.seq, candidateLimit])
            }
            found = rows.map(StoryCandidate.init)
        }
        let candidates = found.compactMap(\.stored)
        let profiles = try StoryProfiles.read(Set(candidates.compactMap(\.story)), in: db)
        return policy.story(for: subject.fingerprint, published: subject.published, among: candidates, profiles: profiles)
    }
}

/// Picks an article's rarest characteristic terms by their document frequency in the index, so that
/// candidate lookups read short posting lists.
enum RareTerms {
    /// Six: with true document frequencies the four rarest terms found 90% of the same-story pairs
    /// that every article of the window finds (ANT, 8,000 articles), six 98%, eight 99.7% at 1.5 times
    /// the cost of six.
    static let probeTerms = 6

    /// Up to `probeTerms` of `terms` (an article's characteristic or title terms, chosen as it is
    /// stored) that the articles stored before it hold, rarest first: the archive's counts plus the
    /// batch's articles stored before it.
    static func probe(_ terms: [String], in db: Database, batch: IngestBatch) throws -> [String] {
        guard !terms.isEmpty else { return [] }
        let size = try batch.frequencies.archiveSize(in: db)
        var frequency = [Int]()
        for term in terms {
            frequency.append(try batch.frequencies.documents(term, in: db, pending: batch.pending, archiveSize: size, index: batch.index))
        }
        // Terms no other article has cannot find a candidate; among the rest, the rarest.
        return terms.indices.filter { frequency[$0] > 0 }
            .sorted { (frequency[$0], $0) < (frequency[$1], $1) }
            .prefix(probeTerms)
            .map { terms[$0] }
    }

    /// The FTS5 OR of probe terms.
    static func expression(_ terms: [String]) -> String {
        terms.map(FTS5Query.quoted).joined(separator: " OR ")
    }
}

/// Document frequencies of terms, read from the FTS5 vocabulary and kept by the archive.
///
/// A lookup costs tens of microseconds, and more for a common term (`fts5vocab` counts its whole
/// posting list), so counts are kept; they only rank an article's terms, so a count may be somewhat
/// old. It may not be very old, though: a term first counted in a small archive looks rare for good,
/// and then probes (and the story lookup reads) thousands of articles. So a count is read again once
/// the archive has grown by half since it was read. Counts of zero are not kept.
final class TermFrequencies: Sendable {
    struct Known {
        var documents: Int
        var archiveSize: Int
    }

    private let table = Mutex([String: Known]())
    /// The table is emptied when it grows past this many terms.
    static let limit = 200_000

    init() {}

    /// The articles in the archive (the batch's own included), as far as ranking needs: the largest seq.
    func archiveSize(in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM articles")) ?? 0
    }

    /// True when a count read at `then` articles still stands at `now`.
    static func isFresh(readAt then: Int, now: Int) -> Bool {
        now <= then + then / 2 + 100
    }

    func documents(_ term: String, in db: Database, pending: PendingIndexRows, archiveSize: Int, index: WriterTermIndex? = nil) throws -> Int {
        // The term index's dictionaries answer in a binary search, and always with today's count.
        if let indexed = try index?.documentFrequency(term, in: db) {
            return indexed + pending.documentFrequency(term)
        }
        if let known = table.withLock({ $0[term] }), Self.isFresh(readAt: known.archiveSize, now: archiveSize) {
            return known.documents
        }
        let count = try (Int.fetchOne(db.cachedStatement(sql: "SELECT doc FROM articles_vocab WHERE term = ?"), arguments: [term]) ?? 0)
            + pending.documentFrequency(term)
        table.withLock { table in
            if count == 0 {
                table[term] = nil
                return
            }
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[term] = Known(documents: count, archiveSize: archiveSize)
        }
        return count
    }
}

/// The stories' profiles (`story_profiles`, schema v13), read for each decision and written as
/// originals join.
enum StoryProfiles {
    static func read(_ stories: Set<Int64>, in db: Database) throws -> [Int64: StoryProfile] {
        var out = [Int64: StoryProfile]()
        let statement = try db.cachedStatement(sql: "SELECT articles, centroid, day_sum, dated, central, central_score FROM story_profiles WHERE story = ?")
        for story in stories {
            guard let row = try Row.fetchOne(statement, arguments: [story]) else { continue }
            out[story] = StoryProfile(
                story: story, articles: row["articles"], centroid: [UInt8](row["centroid"] as Data), daySum: row["day_sum"], dated: row["dated"],
                central: row["central"], centralScore: Float(row["central_score"] as Double))
        }
        return out
    }

    /// Adds an original to its story's profile, through the policy.
    static func add(_ subject: LinkSubject, story: Int64, in db: Database, policy: any SimilarityPolicy) throws {
        let current = try read([story], in: db)[story]
        guard var profile = policy.profile(current, story: story, adding: subject.fingerprint, published: subject.published) else { return }
        // The central article, if still an original of this story, scored against the new centroid.
        let centralScore = try profile.central.flatMap { central -> Float? in
            guard let signature = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT signature FROM articles WHERE seq = ? AND story_id = ? AND duplicate_of IS NULL"), arguments: [central, story])
            else { return nil }
            return policy.centrality(of: ArticleFingerprint(exact: 0, signature: [UInt8](signature)), in: profile)
        }
        profile = profile.keepingCentral(subject.seq, score: policy.centrality(of: subject.fingerprint, in: profile), centralScore: centralScore)
        try write(profile, in: db)
    }

    static func write(_ profile: StoryProfile?, in db: Database) throws {
        guard let profile else { return }
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO story_profiles (story, articles, centroid, day_sum, dated, central, central_score) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [profile.story, profile.articles, Data(profile.centroid), profile.daySum, profile.dated, profile.central, Double(profile.centralScore)])
    }
}
