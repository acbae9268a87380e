public import Archive
import Foundation
import GRDB
import NewsModel

/// Entities with identity (schema v15): the names of `entities` rows resolved into entities by
/// ``EntityResolver``, the user's corrections, and the reads that go through them.
extension SQLiteArchive {
    /// The articles of a name read for its context: the newest, which is enough to tell who it is.
    static let contextArticles = 200

    public func resolveEntities() async throws -> EntityResolutionSummary {
        try await resolveEntities(using: EntityResolver())
    }

    /// The same with a resolver's thresholds of choice (for tuning).
    public func resolveEntities(using resolver: EntityResolver) async throws -> EntityResolutionSummary {
        let (names, corrections, previous) = try await reading { db in
            (try Self.entityNames(in: db), try Self.entityCorrections(in: db), try Self.entityIDs(in: db))
        }
        let groups = try await resolver.resolve(names, corrections: corrections, previous: previous) { indexes in
            let refs = indexes.map { names[$0].ref }
            let contexts = try await self.reading { db in try refs.map { try Self.context(of: $0, in: db) } }
            return Dictionary(uniqueKeysWithValues: zip(indexes, contexts))
        }
        do {
            try await writer.write { db in try Self.store(groups, of: names, in: db) }
        } catch {
            throw writeError(error, source: "entity resolution")
        }
        return EntityResolutionSummary(names: names.count, entities: groups.count, merged: names.count - groups.count, corrections: corrections.count)
    }

    /// Every distinct name of `entities`, with its articles and mentions.
    static func entityNames(in db: Database) throws -> [EntityName] {
        try Row.fetchAll(db, sql: """
            SELECT type, name_key, min(name), count(DISTINCT article), sum(count) FROM entities GROUP BY name_key, type ORDER BY name_key, type
            """).compactMap { row in
            guard let type = Entity.Kind(rawValue: row[0]) else { return nil }
            return EntityName(type: type, key: row[1], name: row[2], articles: row[3], mentions: row[4])
        }
    }

    static func entityCorrections(in db: Database) throws -> [EntityCorrection] {
        try Row.fetchAll(db, sql: "SELECT operation, type, key, other_type, other_key FROM entity_corrections ORDER BY seq").compactMap { row in
            guard let type = Entity.Kind(rawValue: row[1]) else { return nil }
            let ref = EntityRef(type: type, key: row[2])
            if row[0] == "split" { return .split(ref) }
            guard let otherType = (row[3] as String?).flatMap(Entity.Kind.init(rawValue:)), let otherKey: String = row[4] else { return nil }
            return .merge(ref, EntityRef(type: otherType, key: otherKey))
        }
    }

    static func entityIDs(in db: Database) throws -> [EntityRef: Int64] {
        var ids = [EntityRef: Int64]()
        for row in try Row.fetchAll(db, sql: "SELECT type, key, entity FROM entity_aliases") {
            if let type = Entity.Kind(rawValue: row[0]) { ids[EntityRef(type: type, key: row[1])] = row[2] }
        }
        return ids
    }

    /// The names that share articles with `ref`, over its newest ``contextArticles``.
    static func context(of ref: EntityRef, in db: Database) throws -> EntityContext {
        var counts = [EntityRef: Int]()
        let statement = try db.cachedStatement(sql: """
            SELECT e.type, e.name_key, count(*) FROM
                (SELECT article FROM entities WHERE name_key = ? AND type = ? ORDER BY article DESC LIMIT ?) s
            JOIN entities e ON e.article = s.article
            WHERE NOT (e.name_key = ? AND e.type = ?) GROUP BY e.type, e.name_key
            """)
        for row in try Row.fetchAll(statement, arguments: [ref.key, ref.type.rawValue, contextArticles, ref.key, ref.type.rawValue]) {
            if let type = Entity.Kind(rawValue: row[0]) { counts[EntityRef(type: type, key: row[1])] = row[2] }
        }
        return EntityContext(counts: counts)
    }

    /// Replaces the aliases and entities with `groups`, counting each entity's articles, mentions and
    /// quotes over its names.
    static func store(_ groups: [EntityGroup], of names: [EntityName], in db: Database) throws {
        try db.execute(sql: "DELETE FROM entity_aliases; DELETE FROM archive_entities")
        let alias = try db.cachedStatement(sql: "INSERT INTO entity_aliases (type, key, entity, name, articles) VALUES (?, ?, ?, ?, ?)")
        let entity = try db.cachedStatement(sql: """
            INSERT INTO archive_entities (id, type, name, articles, mentions, quotes) VALUES (?, ?, ?, 0, 0, 0)
            """)
        for group in groups {
            try entity.execute(arguments: [group.id, group.type.rawValue, group.name])
            for index in group.members {
                let name = names[index]
                try alias.execute(arguments: [name.ref.type.rawValue, name.ref.key, group.id, name.name, name.articles])
            }
        }
        try recount(nil, in: db)
    }

    /// Counts the articles, mentions, dates and quotes of the given entities, or of all when nil.
    static func recount(_ ids: [Int64]?, in db: Database) throws {
        let only = ids.map { "WHERE id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
        try db.execute(sql: """
            UPDATE archive_entities SET (articles, mentions, first, last) = (
                SELECT count(DISTINCT e.article), coalesce(sum(e.count), 0), min(a.published), max(a.published)
                FROM entity_aliases x JOIN entities e ON e.name_key = x.key AND e.type = x.type JOIN articles a ON a.seq = e.article
                WHERE x.entity = archive_entities.id)
            \(only);
            UPDATE archive_entities SET quotes = (
                SELECT count(*) FROM entity_aliases x JOIN quotes q ON q.speaker_key = x.key
                WHERE x.entity = archive_entities.id AND x.type IN ('person', 'organization'))
            \(only);
            """)
    }
}
