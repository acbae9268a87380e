public import Archive
import Foundation
import Logging
import PostgresNIO

/// Sagas (schema v8), as SQLite's v16.
extension PostgresArchive {
    public func buildSagas() async throws -> Int {
        try await buildSagas(using: SagaBuilder())
    }

    public func buildSagas(using builder: SagaBuilder) async throws -> Int {
        let (policy, logger) = (self.policy, self.logger)
        let profiles = try await read { connection in
            var binds = Binds()
            return try await Self.rows(
                "SELECT story, articles, centroid, day_sum, dated FROM story_profiles WHERE articles >= \(binds.add(builder.minimumArticles)) AND dated > 0",
                binds, on: connection, logger: logger
            ).map { row in
                StoryProfile(
                    story: try row.int64("story"), articles: try row.int("articles"), centroid: try row.bytes("centroid") ?? [],
                    daySum: try row.int64("day_sum"), dated: try row.int("dated"))
            }
        }
        let sagas = builder.sagas(profiles) { policy.closeness(of: $0, to: $1) }
        let pairs = sagas.flatMap { saga in saga.stories.map { (story: $0, saga: saga.id) } }
        try await transaction { connection in
            try await Self.lock(Self.sagaLock, on: connection, logger: logger)
            try await Self.rows("DELETE FROM sagas", on: connection, logger: logger)
            var binds = Binds()
            let (stories, ids) = (binds.add(array: pairs.map(\.story)), binds.add(array: pairs.map(\.saga)))
            try await Self.rows(
                "INSERT INTO sagas (story, saga) SELECT * FROM unnest(\(stories)::bigint[], \(ids)::bigint[])", binds, on: connection, logger: logger)
        }
        return sagas.count
    }

    /// A saga is titled by its core story, whose id is the saga's.
    static let sagaColumns = """
        g.saga, \(storyTitle("g.saga")) AS title, count(DISTINCT g.story) AS stories, count(a.seq) AS n,
        min(a.published) AS first, max(a.published) AS last
        FROM sagas g JOIN articles a ON a.story_id = g.story AND a.duplicate_of IS NULL
        """

    static func saga(_ row: PostgresRandomAccessRow) throws -> SagaSummary {
        SagaSummary(
            id: try row.int64("saga"), title: try row.optionalString("title") ?? "", stories: try row.int("stories"), articles: try row.int("n"),
            first: try row.optionalString("first"), last: try row.optionalString("last"))
    }

    public func sagas(limit: Int, offset: Int) async throws -> [SagaSummary] {
        let logger = self.logger
        return try await read { connection in
            var binds = Binds()
            let rows = try await Self.rows("""
                SELECT \(Self.sagaColumns) GROUP BY g.saga ORDER BY n DESC, g.saga
                LIMIT \(binds.add(min(max(0, limit), StoryDetail.pageLimit))) OFFSET \(binds.add(max(0, offset)))
                """, binds, on: connection, logger: logger)
            return try rows.map(Self.saga)
        }
    }

    public func saga(id: Int64) async throws -> SagaDetail? {
        let logger = self.logger
        return try await read { connection in
            guard let summary = try await Self.sagaSummary(id, connection, logger) else { return nil }
            var binds = Binds()
            let stories = try await Self.rows("""
                SELECT \(Self.storyColumns) FROM sagas g JOIN stories s ON s.id = g.story JOIN articles a ON a.story_id = s.id
                WHERE g.saga = \(binds.add(id)) AND a.duplicate_of IS NULL GROUP BY s.id ORDER BY min(a.published) NULLS FIRST, s.id
                """, binds, on: connection, logger: logger).map(Self.story)
            return SagaDetail(summary: summary, stories: stories)
        }
    }

    static func sagaSummary(_ id: Int64, _ connection: PostgresConnection, _ logger: Logger) async throws -> SagaSummary? {
        var binds = Binds()
        guard let row = try await rows("SELECT \(sagaColumns) WHERE g.saga = \(binds.add(id)) GROUP BY g.saga", binds, on: connection, logger: logger).first
        else { return nil }
        return try saga(row)
    }

    /// The saga a story is part of.
    static func saga(ofStory id: Int64, _ connection: PostgresConnection, _ logger: Logger) async throws -> SagaSummary? {
        var binds = Binds()
        guard let row = try await rows("SELECT saga FROM sagas WHERE story = \(binds.add(id))", binds, on: connection, logger: logger).first else { return nil }
        return try await sagaSummary(try row.int64("saga"), connection, logger)
    }
}
