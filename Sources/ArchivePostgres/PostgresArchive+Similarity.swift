import Archive
import PostgresNIO

extension PostgresArchive {
    /// Candidates checked per article; a band shared by thousands (boilerplate) says little.
    static let nearDuplicateCandidates = 50
    static let storyCandidates = 30

    /// Linked articles sharing an LSH band with the new one, checked by the policy, oldest first.
    /// A candidate already tied to `id` (a teaser the extractor linked to it) is its copy, not its
    /// original, and is passed over. Candidates and ties go by publication time and id, never by the
    /// order rows were stored in, so that the linking stage decides alike however workers stored.
    /// The candidates are materialized first: given the sort and the limit, the planner would walk the
    /// whole `published` index looking for a band's few articles.
    func nearDuplicate(of fingerprint: ArticleFingerprint, id: String, on connection: PostgresConnection) async throws -> (id: String, story: Int64?)? {
        guard !fingerprint.bands.isEmpty, !fingerprint.signature.isEmpty else { return nil }
        var binds = Binds()
        binds.bindings.append(fingerprint.bands)
        let rows = try await Self.rows(
            """
            WITH c AS MATERIALIZED (SELECT DISTINCT article FROM lsh_bands WHERE band = ANY($1::int8[]))
            SELECT a.id, a.story_id, a.duplicate_of, a.published, a.minhash, a.terms FROM c JOIN articles a ON a.seq = c.article
            WHERE a.story_id IS NOT NULL
            ORDER BY a.published NULLS LAST, a.id LIMIT \(Self.nearDuplicateCandidates)
            """, binds, on: connection, logger: logger)
        for row in rows {
            guard let stored = try Self.storedFingerprint(row) else { continue }
            let original = try row.optionalString("duplicate_of") ?? row.string("id")
            if original != id, policy.isNearDuplicate(fingerprint, of: stored) {
                return (original, try row.optionalInt64("story_id"))
            }
        }
        return nil
    }

    /// The story of the most similar article published within the policy's window, among those that
    /// share the new one's strongest terms.
    func story(for fingerprint: ArticleFingerprint, title: String, body: String, published: String?, on connection: PostgresConnection) async throws -> Int64? {
        guard policy.storyWindowDays > 0, !fingerprint.terms.isEmpty,
              let published, let day = ArchiveDates.dayNumber(published),
              let probe = TextSearch.related(title: title, body: body)
        else { return nil }
        var binds = Binds()
        let query = binds.add(probe)
        let rows = try await Self.rows(
            """
            SELECT a.id, a.story_id, a.published, a.minhash, a.terms FROM articles_fts f JOIN articles a ON a.seq = f.article
            WHERE f.vector @@ \(query)::tsquery AND a.published >= \(binds.add(ArchiveDates.isoDay(day - policy.storyWindowDays)))
              AND a.published < \(binds.add(ArchiveDates.isoDay(day + policy.storyWindowDays + 1))) AND a.terms IS NOT NULL AND a.story_id IS NOT NULL
            ORDER BY ts_rank_cd(\(TextSearch.rankWeights), f.vector, \(query)::tsquery) DESC, a.published, a.id LIMIT \(Self.storyCandidates)
            """, binds, on: connection, logger: logger)
        let candidates = try rows.compactMap(Self.storedFingerprint)
        let profiles = try await storyProfiles(Array(Set(candidates.compactMap(\.story))), on: connection)
        return policy.story(for: fingerprint, published: published, among: candidates, profiles: profiles)
    }

    /// The stories' profiles (`story_profiles`, v5); `locking` holds their rows until the commit, so
    /// that two writers adding to one story add in turn.
    func storyProfiles(_ stories: [Int64], locking: Bool = false, on connection: PostgresConnection) async throws -> [Int64: StoryProfile] {
        guard !stories.isEmpty else { return [:] }
        var binds = Binds()
        binds.bindings.append(stories)
        var out = [Int64: StoryProfile]()
        for row in try await Self.rows(
            "SELECT story, articles, centroid, day_sum, dated, central, central_score FROM story_profiles WHERE story = ANY($1::int8[])\(locking ? " FOR UPDATE" : "")",
            binds, on: connection, logger: logger)
        {
            let story = try row.int64("story")
            out[story] = StoryProfile(
                story: story, articles: try row.int("articles"), centroid: try row.bytes("centroid") ?? [], daySum: try row.int64("day_sum"),
                dated: try row.int("dated"), central: try row.optionalInt64("central"), centralScore: Float(try row.double("central_score")))
        }
        return out
    }

    /// Adds an original to its story's profile, through the policy.
    func addToStoryProfile(_ fingerprint: ArticleFingerprint, published: String?, seq: Int64, story: Int64, on connection: PostgresConnection) async throws {
        let current = try await storyProfiles([story], locking: true, on: connection)[story]
        guard var profile = policy.profile(current, story: story, adding: fingerprint, published: published) else { return }
        // The central article, if still an original of this story, scored against the new centroid.
        var centralScore: Float?
        if let central = profile.central {
            var binds = Binds()
            let rows = try await Self.rows(
                "SELECT minhash FROM articles WHERE seq = \(binds.add(central)) AND story_id = \(binds.add(story)) AND duplicate_of IS NULL",
                binds, on: connection, logger: logger)
            if let signature = try rows.first?.bytes("minhash") {
                centralScore = policy.centrality(of: ArticleFingerprint(exact: 0, signature: signature), in: profile)
            }
        }
        profile = profile.keepingCentral(seq, score: policy.centrality(of: fingerprint, in: profile), centralScore: centralScore)
        try await writeStoryProfile(profile, on: connection)
    }

    func writeStoryProfile(_ profile: StoryProfile?, on connection: PostgresConnection) async throws {
        guard let profile else { return }
        var binds = Binds()
        _ = try await Self.rows(
            """
            INSERT INTO story_profiles (story, articles, centroid, day_sum, dated, central, central_score)
            VALUES (\(binds.add(profile.story)), \(binds.add(profile.articles)), \(binds.add(bytes: profile.centroid)), \(binds.add(profile.daySum)),
                \(binds.add(profile.dated)), \(binds.add(profile.central)), \(binds.add(Double(profile.centralScore))))
            ON CONFLICT (story) DO UPDATE SET articles = EXCLUDED.articles, centroid = EXCLUDED.centroid, day_sum = EXCLUDED.day_sum,
                dated = EXCLUDED.dated, central = EXCLUDED.central, central_score = EXCLUDED.central_score
            """, binds, on: connection, logger: logger)
    }

    /// What the policy reads of a stored article. The `minhash` column holds the whole signature.
    static func storedFingerprint(_ row: PostgresRandomAccessRow) throws -> StoredFingerprint? {
        guard let signature = try row.bytes("minhash") else { return nil }
        return StoredFingerprint(
            id: try row.string("id"), story: try row.optionalInt64("story_id"), published: try row.optionalString("published"),
            signature: signature, terms: try row.bytes("terms") ?? [])
    }
}
