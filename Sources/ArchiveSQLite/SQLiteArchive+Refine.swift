public import Archive
import Foundation
import GRDB

/// Splitting stories that drifted (``StoryRefiner``), after linking.
extension SQLiteArchive {
    public func refineStories(using refiner: StoryRefiner) async throws -> Int {
        let (policy, now) = (self.policy, Self.now())
        do {
            let moved = try await writer.write { db -> Int in
                var moved = 0
                let stories = try Int64.fetchAll(db, sql: "SELECT story FROM story_profiles WHERE articles >= ? ORDER BY story", arguments: [refiner.minimumArticles])
                for story in stories { moved += try Self.refine(story, refiner: refiner, policy: policy, now: now, in: db) }
                return moved
            }
            // The candidates the linker cached name the stories articles had.
            if moved > 0 { storyCandidates.removeAll() }
            return moved
        } catch {
            storyCandidates.removeAll()
            throw writeError(error, source: "story refinement")
        }
    }

    /// Moves the originals of `story` that are far from its centroid to stories of their own, with
    /// their copies, and makes the profiles again. Returns how many moved.
    static func refine(_ story: Int64, refiner: StoryRefiner, policy: any SimilarityPolicy, now: String, in db: Database) throws -> Int {
        guard let profile = try StoryProfiles.read([story], in: db)[story] else { return 0 }
        let members = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT seq, id, signature, published FROM articles WHERE story_id = ? AND duplicate_of IS NULL AND signature IS NOT NULL ORDER BY seq
            """), arguments: [story]).map { (seq: $0[0] as Int64, id: $0[1] as String, signature: [UInt8]($0[2] as Data), published: $0[3] as String?) }
        let leaving = Set(refiner.leaving(members.map { ($0.seq, $0.signature) }, profile: profile, policy: policy))
        guard !leaving.isEmpty else { return 0 }
        for member in members where leaving.contains(member.seq) {
            try db.cachedStatement(sql: "INSERT INTO stories (created) VALUES (?)").execute(arguments: [now])
            let fresh = db.lastInsertedRowID
            try db.cachedStatement(sql: "UPDATE articles SET story_id = ? WHERE seq = ? OR duplicate_of = ?").execute(arguments: [fresh, member.seq, member.id])
            try StoryProfiles.write(refiner.profile(of: [(member.seq, member.signature, member.published)], story: fresh, policy: policy), in: db)
        }
        let staying = members.filter { !leaving.contains($0.seq) }
        try StoryProfiles.write(refiner.profile(of: staying.map { ($0.seq, $0.signature, $0.published) }, story: story, policy: policy), in: db)
        return leaving.count
    }
}
