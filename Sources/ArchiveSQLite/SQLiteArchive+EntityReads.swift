public import Archive
import Foundation
import GRDB
import NewsModel

extension SQLiteArchive {
    /// Aliases listed with an entity at most.
    static let aliasesShown = 50

    public func entities(_ request: EntityRequest) async throws -> [EntitySummary] {
        let resolved = try await reading { db in
            try Self.isResolved(db) ? try Self.resolvedEntities(request, in: db) : nil
        }
        if let resolved { return resolved }
        return try await unresolvedEntities(request)
    }

    public func entity(id: Int64) async throws -> EntitySummary? {
        try await reading { db in try Self.entity(id, in: db) }
    }

    static func isResolved(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM archive_entities)") ?? false
    }

    static func resolvedEntities(_ request: EntityRequest, in db: Database) throws -> [EntitySummary]? {
        guard let name = request.name else {
            let typed = request.type.map { "WHERE type = '\($0.rawValue)'" } ?? ""
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM archive_entities \(typed) ORDER BY articles DESC, id LIMIT \(request.limit)")
            return try ids.compactMap { try entity($0, in: db) }
        }
        // A name the archive has never resolved (new since the last run) is answered as a name.
        guard let id = try entityID(of: name, type: request.type, in: db) else { return nil }
        return request.limit > 0 ? try entity(id, in: db).map { [$0] } ?? [] : []
    }

    /// The entity a name resolves to: by its search key, else by the entity rows that wrote it as
    /// one of their mentions.
    static func entityID(of name: String, type: Entity.Kind?, in db: Database) throws -> Int64? {
        let key = ArchiveKey.of(name)
        let typed = type.map { "AND type = '\($0.rawValue)'" } ?? ""
        if let id = try Int64.fetchOne(db, sql: """
            SELECT entity FROM entity_aliases WHERE key = ? \(typed) ORDER BY type = 'person' DESC, articles DESC LIMIT 1
            """, arguments: [key]) { return id }
        return try Int64.fetchOne(db, sql: """
            SELECT x.entity FROM entities e JOIN entity_aliases x ON x.key = e.name_key AND x.type = e.type
            WHERE e.article IN (SELECT article FROM entity_keys WHERE key = ?) AND e.mentions LIKE ? ESCAPE '\\' \(typed.replacingOccurrences(of: "type", with: "e.type"))
            GROUP BY x.entity ORDER BY count(*) DESC LIMIT 1
            """, arguments: [key, ArchiveKey.mentionPattern(name)])
    }

    static func entity(_ id: Int64, in db: Database) throws -> EntitySummary? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, type, name, articles, mentions, quotes, first, last FROM archive_entities WHERE id = ?
            """, arguments: [id]) else { return nil }
        let aliases = try String.fetchAll(db, sql: """
            SELECT name FROM entity_aliases WHERE entity = ? ORDER BY articles DESC, key LIMIT \(aliasesShown)
            """, arguments: [id])
        return EntitySummary(
            id: row[0], name: row[2], type: Entity.Kind(rawValue: row[1]) ?? .organization, articles: row[3], mentions: row[4],
            first: row[6], last: row[7], aliases: aliases, quotes: row[5])
    }
}

extension SQLiteArchive {
    public func correctEntity(_ edit: EntityEdit) async throws -> [EntitySummary] {
        let now = Self.now()
        do {
            return try await writer.write { db in
                switch edit {
                case .merge(let other, let into):
                    return try Self.merge(other, into: into, now: now, in: db)
                case .split(let id, let alias):
                    return try Self.split(alias, from: id, now: now, in: db)
                }
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw writeError(error, source: "entity correction")
        }
    }

    /// The most frequent name of an entity, which records it in a correction.
    static func topAlias(of id: Int64, in db: Database) throws -> EntityRef {
        guard let row = try Row.fetchOne(db, sql: "SELECT type, key FROM entity_aliases WHERE entity = ? ORDER BY articles DESC, key LIMIT 1", arguments: [id]),
              let type = Entity.Kind(rawValue: row[0])
        else { throw ArchiveError.notFound("no entity \(id)") }
        return EntityRef(type: type, key: row[1])
    }

    static func merge(_ other: Int64, into id: Int64, now: String, in db: Database) throws -> [EntitySummary] {
        guard other != id else { throw ArchiveError.conflict("an entity cannot merge with itself (\(id))") }
        let (keep, drop) = (try topAlias(of: id, in: db), try topAlias(of: other, in: db))
        try db.execute(sql: """
            INSERT INTO entity_corrections (operation, type, key, other_type, other_key, made) VALUES ('merge', ?, ?, ?, ?, ?)
            """, arguments: [keep.type.rawValue, keep.key, drop.type.rawValue, drop.key, now])
        try db.execute(sql: "UPDATE entity_aliases SET entity = ? WHERE entity = ?", arguments: [id, other])
        try db.execute(sql: "DELETE FROM archive_entities WHERE id = ?", arguments: [other])
        try recount([id], in: db)
        return try [entity(id, in: db)].compactMap { $0 }
    }

    static func split(_ alias: String, from id: Int64, now: String, in db: Database) throws -> [EntitySummary] {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT type, key, name FROM entity_aliases WHERE entity = ? AND key = ? ORDER BY articles DESC LIMIT 1
            """, arguments: [id, ArchiveKey.of(alias)]), let type = Entity.Kind(rawValue: row[0])
        else { throw ArchiveError.notFound("'\(alias)' is not a name of entity \(id)") }
        let remaining = try Int.fetchOne(db, sql: "SELECT count(*) FROM entity_aliases WHERE entity = ?", arguments: [id]) ?? 0
        guard remaining > 1 else { throw ArchiveError.conflict("'\(alias)' is the only name of entity \(id)") }
        let key: String = row[1]
        try db.execute(sql: "INSERT INTO entity_corrections (operation, type, key, made) VALUES ('split', ?, ?, ?)", arguments: [type.rawValue, key, now])
        let fresh = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM archive_entities") ?? 0) + 1
        try db.execute(sql: "UPDATE entity_aliases SET entity = ? WHERE type = ? AND key = ?", arguments: [fresh, type.rawValue, key])
        try db.execute(sql: "INSERT INTO archive_entities (id, type, name, articles, mentions, quotes) VALUES (?, ?, ?, 0, 0, 0)", arguments: [fresh, type.rawValue, row[2] as String])
        // The entity keeps its name unless that was the name split off.
        if try String.fetchOne(db, sql: "SELECT name FROM archive_entities WHERE id = ?", arguments: [id]).map(ArchiveKey.of) == key {
            try db.execute(sql: """
                UPDATE archive_entities SET name = (SELECT name FROM entity_aliases WHERE entity = ? ORDER BY articles DESC, key LIMIT 1) WHERE id = ?
                """, arguments: [id, id])
        }
        try recount([id, fresh], in: db)
        return try [entity(id, in: db), entity(fresh, in: db)].compactMap { $0 }
    }
}
