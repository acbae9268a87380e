import Archive
import Foundation
import GRDB

/// Near-duplicate lookup: articles sharing an LSH band with the new one, checked by the policy.
enum NearDuplicates {
    /// Candidates checked per article; a band shared by thousands (boilerplate) says little.
    static let candidateLimit = 50

    static func find(for fingerprint: ArticleFingerprint, in db: Database, policy: any SimilarityPolicy) throws -> (id: String, story: Int64?)? {
        guard !fingerprint.bands.isEmpty, !fingerprint.signature.isEmpty else { return nil }
        let placeholders = Array(repeating: "?", count: fingerprint.bands.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT a.id, a.story_id, a.duplicate_of, a.published, a.signature, a.terms FROM articles a
                WHERE a.seq IN (SELECT article FROM lsh_bands WHERE band IN (\(placeholders)) LIMIT \(candidateLimit))
                ORDER BY a.seq
                """),
            arguments: StatementArguments(fingerprint.bands))
        for row in rows {
            guard let stored = StoryAssigner.stored(row) else { continue }
            if policy.isNearDuplicate(fingerprint, of: stored) {
                let original: String = row["duplicate_of"] ?? row["id"]
                return (original, stored.story)
            }
        }
        return nil
    }
}

/// Story assignment: the articles published within the policy's window that share the new one's
/// strongest terms (an FTS5 query) are the candidates; the policy picks the story to join.
enum StoryAssigner {
    static let candidateLimit = 100

    static func stored(_ row: Row) -> StoredFingerprint? {
        guard let signature = row["signature"] as Data? else { return nil }
        return StoredFingerprint(
            id: row["id"], story: row["story_id"], published: row["published"], signature: [UInt8](signature),
            terms: (row["terms"] as Data?).map { [UInt8]($0) } ?? [])
    }

    static func story(for item: ArchiveArticle, published: String?, in db: Database, policy: any SimilarityPolicy) throws -> Int64? {
        guard policy.storyWindowDays > 0, !item.fingerprint.terms.isEmpty else { return nil }
        // A few characteristic terms, newest matches first and no BM25: scoring every article that
        // shares a common word cost more than the whole rest of the ingest.
        let probe = FTS5Query.related(title: item.index.title, body: item.index.body, limit: 8)
        guard !probe.isEmpty else { return nil }
        var window = ""
        var arguments: StatementArguments = [probe]
        if let published, let day = ArchiveDates.dayNumber(published) {
            // Either side of the date: archives are filled out of order.
            window = "AND a.published >= ? AND a.published < ?"
            _ = arguments.append(contentsOf: [ArchiveDates.isoDay(day - policy.storyWindowDays), ArchiveDates.isoDay(day + policy.storyWindowDays + 1)])
        }
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT a.id, a.story_id, a.published, a.signature, a.terms
                FROM articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid
                WHERE articles_fts MATCH ? \(window) AND a.terms IS NOT NULL AND a.story_id IS NOT NULL
                ORDER BY articles_fts.rowid DESC LIMIT \(candidateLimit)
                """),
            arguments: arguments)
        let candidates = rows.compactMap(stored)
        guard let chosen = policy.story(for: item.fingerprint, published: published, among: candidates) else { return nil }
        return candidates.indices.contains(chosen) ? candidates[chosen].story : nil
    }
}
