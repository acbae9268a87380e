public import Archive
import Foundation
import Logging
import NewsModel
import PostgresNIO

/// Entities with identity (schema v7), as SQLite's v15: the same resolver over the same names.
extension PostgresArchive {
    /// The articles of a name read for its context: the newest.
    static let contextArticles = 200
    static let aliasesShown = 50

    public func resolveEntities() async throws -> EntityResolutionSummary {
        try await resolveEntities(using: EntityResolver())
    }

    public func resolveEntities(using resolver: EntityResolver) async throws -> EntityResolutionSummary {
        let logger = self.logger
        let (names, corrections, previous) = try await read { connection in
            (try await Self.entityNames(connection, logger), try await Self.entityCorrections(connection, logger),
             try await Self.entityIDs(connection, logger))
        }
        let groups = try await resolver.resolve(names, corrections: corrections, previous: previous) { indexes in
            try await self.read { connection in
                var contexts = [Int: EntityContext]()
                for index in indexes { contexts[index] = try await Self.context(of: names[index].ref, connection, logger) }
                return contexts
            }
        }
        try await transaction { connection in
            // Two processes resolving at once (two ingests ending together) write in turn; the last wins.
            try await Self.lock(Self.resolutionLock, on: connection, logger: logger)
            try await Self.store(groups, of: names, connection, logger)
        }
        return EntityResolutionSummary(names: names.count, entities: groups.count, merged: names.count - groups.count, corrections: corrections.count)
    }

    static func entityNames(_ connection: PostgresConnection, _ logger: Logger) async throws -> [EntityName] {
        try await rows("""
            SELECT type, name_key, min(name) AS name, count(DISTINCT article) AS n, sum(count)::bigint AS mentions
            FROM entities GROUP BY name_key, type ORDER BY name_key, type
            """, on: connection, logger: logger).compactMap { row in
            guard let type = Entity.Kind(rawValue: try row.string("type")) else { return nil }
            return EntityName(type: type, key: try row.string("name_key"), name: try row.string("name"), articles: try row.int("n"), mentions: try row.int("mentions"))
        }
    }

    static func entityCorrections(_ connection: PostgresConnection, _ logger: Logger) async throws -> [EntityCorrection] {
        try await rows("SELECT operation, type, key, other_type, other_key FROM entity_corrections ORDER BY seq", on: connection, logger: logger).compactMap { row in
            guard let type = Entity.Kind(rawValue: try row.string("type")) else { return nil }
            let ref = EntityRef(type: type, key: try row.string("key"))
            if try row.string("operation") == "split" { return .split(ref) }
            guard let otherType = try row.optionalString("other_type").flatMap(Entity.Kind.init(rawValue:)),
                  let otherKey = try row.optionalString("other_key") else { return nil }
            return .merge(ref, EntityRef(type: otherType, key: otherKey))
        }
    }

    static func entityIDs(_ connection: PostgresConnection, _ logger: Logger) async throws -> [EntityRef: Int64] {
        var ids = [EntityRef: Int64]()
        for row in try await rows("SELECT type, key, entity FROM entity_aliases", on: connection, logger: logger) {
            if let type = Entity.Kind(rawValue: try row.string("type")) { ids[EntityRef(type: type, key: try row.string("key"))] = try row.int64("entity") }
        }
        return ids
    }

    static func context(of ref: EntityRef, _ connection: PostgresConnection, _ logger: Logger) async throws -> EntityContext {
        var binds = Binds()
        let (key, type) = (binds.add(ref.key), binds.add(ref.type.rawValue))
        var counts = [EntityRef: Int]()
        for row in try await rows("""
            SELECT e.type, e.name_key, count(*) AS n FROM
                (SELECT article FROM entities WHERE name_key = \(key) AND type = \(type) ORDER BY article DESC LIMIT \(contextArticles)) s
            JOIN entities e ON e.article = s.article
            WHERE NOT (e.name_key = \(key) AND e.type = \(type)) GROUP BY e.type, e.name_key
            """, binds, on: connection, logger: logger) {
            if let kind = Entity.Kind(rawValue: try row.string("type")) { counts[EntityRef(type: kind, key: try row.string("name_key"))] = try row.int("n") }
        }
        return EntityContext(counts: counts)
    }

    /// Replaces the aliases and entities with `groups` in one statement each, then counts.
    static func store(_ groups: [EntityGroup], of names: [EntityName], _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await rows("DELETE FROM entity_aliases", on: connection, logger: logger)
        try await rows("DELETE FROM archive_entities", on: connection, logger: logger)
        var entities = Binds()
        let (ids, types, canonical) = (
            entities.add(array: groups.map(\.id)), entities.add(array: groups.map(\.type.rawValue)), entities.add(array: groups.map(\.name)))
        try await rows("""
            INSERT INTO archive_entities (id, type, name, articles, mentions, quotes)
            SELECT id, type, name, 0, 0, 0 FROM unnest(\(ids)::bigint[], \(types)::text[], \(canonical)::text[]) AS t(id, type, name)
            """, entities, on: connection, logger: logger)
        let members = groups.flatMap { group in group.members.map { (group.id, names[$0]) } }
        var aliases = Binds()
        let columns = (
            aliases.add(array: members.map(\.1.ref.type.rawValue)), aliases.add(array: members.map(\.1.ref.key)), aliases.add(array: members.map(\.0)),
            aliases.add(array: members.map(\.1.name)), aliases.add(array: members.map { Int64($0.1.articles) }))
        try await rows("""
            INSERT INTO entity_aliases (type, key, entity, name, articles)
            SELECT * FROM unnest(\(columns.0)::text[], \(columns.1)::text[], \(columns.2)::bigint[], \(columns.3)::text[], \(columns.4)::bigint[])
            """, aliases, on: connection, logger: logger)
        try await recount(nil, connection, logger)
    }

    static func recount(_ ids: [Int64]?, _ connection: PostgresConnection, _ logger: Logger) async throws {
        let only = ids.map { "WHERE id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
        try await rows("""
            UPDATE archive_entities SET (articles, mentions, first, last) = (
                SELECT count(DISTINCT e.article), coalesce(sum(e.count), 0), min(a.published), max(a.published)
                FROM entity_aliases x JOIN entities e ON e.name_key = x.key AND e.type = x.type JOIN articles a ON a.seq = e.article
                WHERE x.entity = archive_entities.id)
            \(only)
            """, on: connection, logger: logger)
        try await rows("""
            UPDATE archive_entities SET quotes = (
                SELECT count(*) FROM entity_aliases x JOIN quotes q ON q.speaker_key = x.key
                WHERE x.entity = archive_entities.id AND x.type IN ('person', 'organization'))
            \(only)
            """, on: connection, logger: logger)
    }
}

extension PostgresArchive {
    public func entities(_ request: EntityRequest) async throws -> [EntitySummary] {
        let logger = self.logger
        let resolved = try await read { connection -> [EntitySummary]? in
            guard try await Self.isResolved(connection, logger) else { return nil }
            guard let name = request.name else {
                let typed = request.type.map { "WHERE type = '\($0.rawValue)'" } ?? ""
                let ids = try await Self.rows("SELECT id FROM archive_entities \(typed) ORDER BY articles DESC, id LIMIT \(request.limit)", on: connection, logger: logger)
                    .map { try $0.int64("id") }
                var found = [EntitySummary]()
                for id in ids { if let entity = try await Self.entity(id, connection, logger) { found.append(entity) } }
                return found
            }
            guard let id = try await Self.entityID(of: name, type: request.type, connection, logger) else { return nil }
            return request.limit > 0 ? try await Self.entity(id, connection, logger).map { [$0] } ?? [] : []
        }
        if let resolved { return resolved }
        return try await unresolvedEntities(request)
    }

    public func entity(id: Int64) async throws -> EntitySummary? {
        let logger = self.logger
        return try await read { connection in try await Self.entity(id, connection, logger) }
    }

    static func isResolved(_ connection: PostgresConnection, _ logger: Logger) async throws -> Bool {
        !(try await rows("SELECT 1 AS one FROM archive_entities LIMIT 1", on: connection, logger: logger)).isEmpty
    }

    static func entityID(of name: String, type: Entity.Kind?, _ connection: PostgresConnection, _ logger: Logger) async throws -> Int64? {
        var binds = Binds()
        let key = binds.add(ArchiveKey.of(name))
        let typed = type.map { "AND type = '\($0.rawValue)'" } ?? ""
        if let row = try await rows("""
            SELECT entity FROM entity_aliases WHERE key = \(key) \(typed) ORDER BY type = 'person' DESC, articles DESC LIMIT 1
            """, binds, on: connection, logger: logger).first { return try row.int64("entity") }
        let pattern = binds.add(ArchiveKey.mentionPattern(name))
        return try await rows("""
            SELECT x.entity FROM entities e JOIN entity_aliases x ON x.key = e.name_key AND x.type = e.type
            WHERE e.article IN (SELECT article FROM entity_keys WHERE key = \(key)) AND e.mentions ILIKE \(pattern) ESCAPE '\\'
                \(typed.replacingOccurrences(of: "type", with: "e.type"))
            GROUP BY x.entity ORDER BY count(*) DESC LIMIT 1
            """, binds, on: connection, logger: logger).first.map { try $0.int64("entity") }
    }

    static func entity(_ id: Int64, _ connection: PostgresConnection, _ logger: Logger) async throws -> EntitySummary? {
        var binds = Binds()
        let placeholder = binds.add(id)
        guard let row = try await rows("""
            SELECT id, type, name, articles, mentions, quotes, first, last FROM archive_entities WHERE id = \(placeholder)
            """, binds, on: connection, logger: logger).first else { return nil }
        let aliases = try await rows("""
            SELECT name FROM entity_aliases WHERE entity = \(placeholder) ORDER BY articles DESC, key LIMIT \(aliasesShown)
            """, binds, on: connection, logger: logger).map { try $0.string("name") }
        return EntitySummary(
            id: try row.int64("id"), name: try row.string("name"), type: Entity.Kind(rawValue: try row.string("type")) ?? .organization,
            articles: try row.int("articles"), mentions: try row.int("mentions"), first: try row.optionalString("first"),
            last: try row.optionalString("last"), aliases: aliases, quotes: try row.int("quotes"))
    }
}

extension PostgresArchive {
    public func correctEntity(_ edit: EntityEdit) async throws -> [EntitySummary] {
        let (logger, now) = (self.logger, ISO8601DateFormatter().string(from: Date()))
        return try await transaction { connection in
            // One correction at a time: two splits must not take the same new id.
            try await Self.rows("LOCK TABLE archive_entities IN SHARE ROW EXCLUSIVE MODE", on: connection, logger: logger)
            switch edit {
            case .merge(let other, let into): return try await Self.merge(other, into: into, now: now, connection, logger)
            case .split(let id, let alias): return try await Self.split(alias, from: id, now: now, connection, logger)
            }
        }
    }

    static func topAlias(of id: Int64, _ connection: PostgresConnection, _ logger: Logger) async throws -> EntityRef {
        var binds = Binds()
        guard let row = try await rows("""
            SELECT type, key FROM entity_aliases WHERE entity = \(binds.add(id)) ORDER BY articles DESC, key LIMIT 1
            """, binds, on: connection, logger: logger).first, let type = Entity.Kind(rawValue: try row.string("type"))
        else { throw ArchiveError.notFound("no entity \(id)") }
        return EntityRef(type: type, key: try row.string("key"))
    }

    static func merge(_ other: Int64, into id: Int64, now: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> [EntitySummary] {
        guard other != id else { throw ArchiveError.conflict("an entity cannot merge with itself (\(id))") }
        let (keep, drop) = (try await topAlias(of: id, connection, logger), try await topAlias(of: other, connection, logger))
        var record = Binds()
        try await rows("""
            INSERT INTO entity_corrections (operation, type, key, other_type, other_key, made)
            VALUES ('merge', \(record.add(keep.type.rawValue)), \(record.add(keep.key)), \(record.add(drop.type.rawValue)), \(record.add(drop.key)), \(record.add(now)))
            """, record, on: connection, logger: logger)
        var binds = Binds()
        try await rows("UPDATE entity_aliases SET entity = \(binds.add(id)) WHERE entity = \(binds.add(other))", binds, on: connection, logger: logger)
        try await rows("DELETE FROM archive_entities WHERE id = \(other)", on: connection, logger: logger)
        try await recount([id], connection, logger)
        return try await entity(id, connection, logger).map { [$0] } ?? []
    }

    static func split(_ alias: String, from id: Int64, now: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> [EntitySummary] {
        var binds = Binds()
        let key = ArchiveKey.of(alias)
        guard let row = try await rows("""
            SELECT type, key, name FROM entity_aliases WHERE entity = \(binds.add(id)) AND key = \(binds.add(key)) ORDER BY articles DESC LIMIT 1
            """, binds, on: connection, logger: logger).first, let type = Entity.Kind(rawValue: try row.string("type"))
        else { throw ArchiveError.notFound("'\(alias)' is not a name of entity \(id)") }
        let remaining = try await rows("SELECT count(*) AS n FROM entity_aliases WHERE entity = \(id)", on: connection, logger: logger).first?.int("n") ?? 0
        guard remaining > 1 else { throw ArchiveError.conflict("'\(alias)' is the only name of entity \(id)") }
        var record = Binds()
        try await rows("""
            INSERT INTO entity_corrections (operation, type, key, made) VALUES ('split', \(record.add(type.rawValue)), \(record.add(key)), \(record.add(now)))
            """, record, on: connection, logger: logger)
        let fresh = (try await rows("SELECT coalesce(max(id), 0) AS n FROM archive_entities", on: connection, logger: logger).first?.int64("n") ?? 0) + 1
        var move = Binds()
        try await rows("""
            UPDATE entity_aliases SET entity = \(move.add(fresh)) WHERE type = \(move.add(type.rawValue)) AND key = \(move.add(key))
            """, move, on: connection, logger: logger)
        var insert = Binds()
        try await rows("""
            INSERT INTO archive_entities (id, type, name, articles, mentions, quotes) VALUES (\(insert.add(fresh)), \(insert.add(type.rawValue)), \(insert.add(try row.string("name"))), 0, 0, 0)
            """, insert, on: connection, logger: logger)
        // The entity keeps its name unless that was the name split off.
        let current = try await rows("SELECT name FROM archive_entities WHERE id = \(id)", on: connection, logger: logger).first?.string("name")
        if current.map(ArchiveKey.of) == key {
            var rename = Binds()
            let who = rename.add(id)
            try await rows("""
                UPDATE archive_entities SET name = (SELECT name FROM entity_aliases WHERE entity = \(who) ORDER BY articles DESC, key LIMIT 1) WHERE id = \(who)
                """, rename, on: connection, logger: logger)
        }
        try await recount([id, fresh], connection, logger)
        return [try await entity(id, connection, logger), try await entity(fresh, connection, logger)].compactMap { $0 }
    }
}
