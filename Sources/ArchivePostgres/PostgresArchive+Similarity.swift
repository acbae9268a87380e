import Archive
import PostgresNIO

extension PostgresArchive {
    /// Candidates checked per article; a band shared by thousands (boilerplate) says little.
    static let nearDuplicateCandidates = 50
    static let storyCandidates = 30

    /// Articles sharing an LSH band with the new one, checked by the policy, oldest first.
    func nearDuplicate(of fingerprint: ArticleFingerprint, on connection: PostgresConnection) async throws -> (id: String, story: Int64?)? {
        guard !fingerprint.bands.isEmpty, !fingerprint.signature.isEmpty else { return nil }
        var binds = Binds()
        binds.bindings.append(fingerprint.bands)
        let rows = try await Self.rows(
            """
            SELECT a.id, a.story_id, a.duplicate_of, a.published, a.minhash, a.terms FROM articles a
            WHERE a.seq IN (SELECT article FROM lsh_bands WHERE band = ANY($1::int8[]) LIMIT \(Self.nearDuplicateCandidates))
            ORDER BY a.seq
            """, binds, on: connection, logger: logger)
        for row in rows {
            guard let stored = try Self.storedFingerprint(row) else { continue }
            if policy.isNearDuplicate(fingerprint, of: stored) {
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
            SELECT a.id, a.story_id, a.published, a.minhash, a.terms FROM articles_fts f JOIN articles a ON a.seq = f.article
            WHERE f.vector @@ \(query)::tsquery AND a.published >= \(binds.add(ArchiveDates.isoDay(day - policy.storyWindowDays)))
              AND a.published < \(binds.add(ArchiveDates.isoDay(day + policy.storyWindowDays + 1))) AND a.terms IS NOT NULL AND a.story_id IS NOT NULL
            ORDER BY ts_rank_cd(\(TextSearch.rankWeights), f.vector, \(query)::tsquery) DESC, a.seq LIMIT \(Self.storyCandidates)
            """, binds, on: connection, logger: logger)
        let candidates = try rows.compactMap(Self.storedFingerprint)
        guard let chosen = policy.story(for: item.fingerprint, published: published, among: candidates) else { return nil }
        return candidates.indices.contains(chosen) ? candidates[chosen].story : nil
    }

    /// What the policy reads of a stored article. The `minhash` column holds the whole signature.
    static func storedFingerprint(_ row: PostgresRandomAccessRow) throws -> StoredFingerprint? {
        guard let signature = try row.bytes("minhash") else { return nil }
        return StoredFingerprint(
            id: try row.string("id"), story: try row.optionalInt64("story_id"), published: try row.optionalString("published"),
            signature: signature, terms: try row.bytes("terms") ?? [])
    }
}
