import Archive
import PostgresNIO

extension PostgresArchive {
    /// Candidates checked per article; a band shared by thousands (boilerplate) says little.
    static let nearDuplicateCandidates = 50
    static let storyCandidates = 30

    /// Articles sharing an LSH band with the new one, checked by the policy, oldest first.
    func nearDuplicate(of fingerprint: ArticleFingerprint, on connection: PostgresConnection) async throws -> (id: String, story: Int64?)? {
        guard !fingerprint.bands.isEmpty, !fingerprint.minHash.isEmpty else { return nil }
        var binds = Binds()
        binds.bindings.append(fingerprint.bands)
        let rows = try await Self.rows(
            """
            SELECT a.id, a.story_id, a.duplicate_of, a.minhash FROM articles a
            WHERE a.seq IN (SELECT article FROM lsh_bands WHERE band = ANY($1::int8[]) LIMIT \(Self.nearDuplicateCandidates))
            ORDER BY a.seq
            """, binds, on: connection, logger: logger)
        for row in rows {
            guard let stored = try row.bytes("minhash") else { continue }
            if policy.isNearDuplicate(fingerprint, storedMinHash: stored) {
                return (try row.optionalString("duplicate_of") ?? row.string("id"), try row.optionalInt64("story_id"))
            }
        }
        return nil
    }

    /// The story of the most similar article published within the policy's window, among those that
    /// share the new one's strongest terms.
    func story(for item: ArchiveArticle, published: String?, on connection: PostgresConnection) async throws -> Int64? {
        guard policy.storyWindowDays > 0, !item.fingerprint.terms.isEmpty,
              let published, let day = ArchiveDates.dayNumber(published),
              let probe = TextSearch.related(title: item.index.title, body: item.index.body)
        else { return nil }
        var binds = Binds()
        let query = binds.add(probe)
        let rows = try await Self.rows(
            """
            SELECT a.story_id, a.terms FROM articles_fts f JOIN articles a ON a.seq = f.article
            WHERE f.vector @@ \(query)::tsquery AND a.published >= \(binds.add(ArchiveDates.isoDay(day - policy.storyWindowDays)))
              AND a.published < \(binds.add(ArchiveDates.isoDay(day + policy.storyWindowDays + 1))) AND a.terms IS NOT NULL
            ORDER BY ts_rank_cd(\(TextSearch.rankWeights), f.vector, \(query)::tsquery) DESC, a.seq LIMIT \(Self.storyCandidates)
            """, binds, on: connection, logger: logger)
        var best: (story: Int64, score: Double)?
        for row in rows {
            guard let story = try row.optionalInt64("story_id"), let terms = try row.bytes("terms") else { continue }
            let score = policy.storySimilarity(item.fingerprint, storedTerms: terms)
            if score >= policy.storyThreshold, score > (best?.score ?? 0) { best = (story, score) }
        }
        return best?.story
    }
}
