public import Archive
import Foundation
import GRDB

/// Sagas (schema v16): developing stories built from the stories' profiles.
extension SQLiteArchive {
    public func buildSagas() async throws -> Int {
        try await buildSagas(using: SagaBuilder())
    }

    /// The same with a builder's thresholds of choice (for tuning).
    public func buildSagas(using builder: SagaBuilder) async throws -> Int {
        let policy = self.policy
        let profiles = try await reading { db in
            try Row.fetchAll(db, sql: "SELECT story, articles, centroid, day_sum, dated FROM story_profiles WHERE articles >= ? AND dated > 0", arguments: [builder.minimumArticles])
                .map { StoryProfile(story: $0[0], articles: $0[1], centroid: [UInt8]($0[2] as Data), daySum: $0[3], dated: $0[4]) }
        }
        let sagas = builder.sagas(profiles) { policy.closeness(of: $0, to: $1) }
        do {
            try await writer.write { db in
                try db.execute(sql: "DELETE FROM sagas")
                let insert = try db.cachedStatement(sql: "INSERT INTO sagas (story, saga) VALUES (?, ?)")
                for saga in sagas { for story in saga.stories { try insert.execute(arguments: [story, saga.id]) } }
            }
        } catch {
            throw writeError(error, source: "saga building")
        }
        return sagas.count
    }

    /// A saga is titled by its core story, whose id is the saga's.
    static let sagaColumns = """
        g.saga, \(storyTitle("g.saga")) AS title, count(DISTINCT g.story) AS stories, count(a.seq) AS n, min(a.published), max(a.published)
        FROM sagas g JOIN articles a ON a.story_id = g.story AND a.duplicate_of IS NULL
        """

    static func saga(_ row: Row) -> SagaSummary {
        SagaSummary(id: row[0], title: row[1] ?? "", stories: row[2], articles: row[3], first: row[4], last: row[5])
    }

    public func sagas(limit: Int, offset: Int) async throws -> [SagaSummary] {
        try await reading { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Self.sagaColumns) GROUP BY g.saga ORDER BY n DESC, g.saga LIMIT ? OFFSET ?"),
                             arguments: [min(max(0, limit), StoryDetail.pageLimit), max(0, offset)])
                .map(Self.saga)
        }
    }

    public func saga(id: Int64) async throws -> SagaDetail? {
        try await reading { db in try Self.sagaDetail(id, in: db) }
    }

    static func sagaSummary(_ id: Int64, in db: Database) throws -> SagaSummary? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(sagaColumns) WHERE g.saga = ? GROUP BY g.saga"), arguments: [id]).map(saga)
    }

    static func sagaDetail(_ id: Int64, in db: Database) throws -> SagaDetail? {
        guard let summary = try sagaSummary(id, in: db) else { return nil }
        let stories = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(storyColumns) FROM sagas g JOIN stories s ON s.id = g.story JOIN articles a ON a.story_id = s.id
            WHERE g.saga = ? AND a.duplicate_of IS NULL GROUP BY s.id ORDER BY min(a.published), s.id
            """), arguments: [id]).map(story)
        return SagaDetail(summary: summary, stories: stories)
    }

    /// The saga a story is part of.
    static func saga(ofStory id: Int64, in db: Database) throws -> SagaSummary? {
        guard let saga = try Int64.fetchOne(db.cachedStatement(sql: "SELECT saga FROM sagas WHERE story = ?"), arguments: [id]) else { return nil }
        return try sagaSummary(saga, in: db)
    }
}
