public import Archive
import Foundation
import Logging
import PostgresNIO

/// Splitting stories that drifted (``StoryRefiner``), as in SQLite.
extension PostgresArchive {
    public func refineStories(using refiner: StoryRefiner) async throws -> Int {
        let now = ISO8601DateFormatter().string(from: Date())
        return try await transaction { connection in
            // Writers adding to stories wait: a story must not change under its refinement.
            try await Self.rows("LOCK TABLE story_profiles IN SHARE ROW EXCLUSIVE MODE", on: connection, logger: logger)
            var binds = Binds()
            let stories = try await Self.rows(
                "SELECT story FROM story_profiles WHERE articles >= \(binds.add(refiner.minimumArticles)) ORDER BY story", binds, on: connection, logger: logger
            ).map { try $0.int64("story") }
            var moved = 0
            for story in stories { moved += try await refine(story, refiner: refiner, now: now, on: connection) }
            return moved
        }
    }

    typealias Member = (seq: Int64, id: String, signature: [UInt8], published: String?)

    func refine(_ story: Int64, refiner: StoryRefiner, now: String, on connection: PostgresConnection) async throws -> Int {
        guard let profile = try await storyProfiles([story], on: connection)[story] else { return 0 }
        var binds = Binds()
        let members: [Member] = try await Self.rows("""
            SELECT seq, id, minhash, published FROM articles WHERE story_id = \(binds.add(story)) AND duplicate_of IS NULL AND minhash IS NOT NULL ORDER BY seq
            """, binds, on: connection, logger: logger).map { (try $0.int64("seq"), try $0.string("id"), try $0.bytes("minhash") ?? [], try $0.optionalString("published")) }
        let leaving = Set(refiner.leaving(members.map { ($0.seq, $0.signature) }, profile: profile, policy: policy))
        guard !leaving.isEmpty else { return 0 }
        for member in members where leaving.contains(member.seq) {
            var insert = Binds()
            let fresh = try await Self.rows("INSERT INTO stories (created) VALUES (\(insert.add(now))) RETURNING id", insert, on: connection, logger: logger)[0].int64("id")
            var move = Binds()
            try await Self.rows(
                "UPDATE articles SET story_id = \(move.add(fresh)) WHERE seq = \(move.add(member.seq)) OR duplicate_of = \(move.add(member.id))",
                move, on: connection, logger: logger)
            try await writeStoryProfile(refiner.profile(of: [(member.seq, member.signature, member.published)], story: fresh, policy: policy), on: connection)
        }
        try await writeStoryProfile(refiner.profile(of: members.filter { !leaving.contains($0.seq) }.map { ($0.seq, $0.signature, $0.published) }, story: story, policy: policy), on: connection)
        return leaving.count
    }
}
