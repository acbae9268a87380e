import Archive
import Foundation
import GRDB

/// Near-duplicate lookup: articles sharing an LSH band with the new one, checked by the policy.
enum NearDuplicates {
    /// Candidates checked per article; a band shared by thousands (boilerplate) says little.
    static let candidateLimit = 50

    static func find(for fingerprint: ArticleFingerprint, in db: Database, policy: any SimilarityPolicy) throws -> (id: String, story: Int64?)? {
        guard !fingerprint.bands.isEmpty, !fingerprint.minHash.isEmpty else { return nil }
        let placeholders = Array(repeating: "?", count: fingerprint.bands.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.story_id, a.duplicate_of, a.minhash FROM articles a
                WHERE a.seq IN (SELECT article FROM lsh_bands WHERE band IN (\(placeholders)) LIMIT \(candidateLimit))
                ORDER BY a.seq
                """,
            arguments: StatementArguments(fingerprint.bands))
        for row in rows {
            guard let stored = row["minhash"] as Data? else { continue }
            if policy.isNearDuplicate(fingerprint, storedMinHash: [UInt8](stored)) {
                let original: String = row["duplicate_of"] ?? row["id"]
                return (original, row["story_id"])
            }
        }
        return nil
    }
}

/// Story assignment: the most similar article published within the policy's window, found among
/// the articles that share the new one's strongest terms (an FTS5 query), joins its story.
enum StoryAssigner {
    static let candidateLimit = 30

    static func story(for item: ArchiveArticle, published: String?, in db: Database, policy: any SimilarityPolicy) throws -> Int64? {
        guard policy.storyWindowDays > 0, !item.fingerprint.terms.isEmpty,
              let published, let day = ArchiveDates.dayNumber(published)
        else { return nil }
        let probe = FTS5Query.related(title: item.index.title, body: item.index.body)
        guard !probe.isEmpty else { return nil }
        let from = ArchiveDates.isoDay(day - policy.storyWindowDays)
        let to = ArchiveDates.isoDay(day + policy.storyWindowDays + 1)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.story_id, a.terms FROM articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid
                WHERE articles_fts MATCH ? AND a.published >= ? AND a.published < ? AND a.terms IS NOT NULL
                ORDER BY bm25(articles_fts, 10.0, 4.0, 4.0, 1.0) LIMIT \(candidateLimit)
                """,
            arguments: [probe, from, to])
        var best: (story: Int64, score: Double)?
        for row in rows {
            guard let story = row["story_id"] as Int64?, let terms = row["terms"] as Data? else { continue }
            let score = policy.storySimilarity(item.fingerprint, storedTerms: [UInt8](terms))
            if score >= policy.storyThreshold, score > (best?.score ?? 0) { best = (story, score) }
        }
        return best?.story
    }
}
