public import NewsModel

/// A name as the archive holds it: one written form of an entity (its search key and type), over
/// every article that names it. The analysis has already joined each article's short forms to the
/// full name given in that article (`الجبير` → `عادل الجبير`), so these are the names articles
/// settle on.
public struct EntityName: Sendable, Hashable {
    public var ref: EntityRef
    /// The most frequent display form of the name.
    public var name: String
    public var articles: Int
    public var mentions: Int

    public init(type: Entity.Kind, key: String, name: String, articles: Int, mentions: Int) {
        self.ref = EntityRef(type: type, key: key)
        self.name = name
        self.articles = articles
        self.mentions = mentions
    }
}

/// A name's identity in the archive: its type and search key (``ArchiveKey``). Corrections and
/// aliases are kept by it, so they survive a re-ingest that renumbers articles.
public struct EntityRef: Sendable, Hashable, Comparable {
    public var type: Entity.Kind
    public var key: String

    public init(type: Entity.Kind, key: String) {
        self.type = type
        self.key = key
    }

    public static func < (a: EntityRef, b: EntityRef) -> Bool { (a.type.rawValue, a.key) < (b.type.rawValue, b.key) }
}

/// A user's correction of entity resolution, applied after the automatic merges, in order.
public enum EntityCorrection: Sendable, Hashable {
    /// The entities holding these two names are one.
    case merge(EntityRef, EntityRef)
    /// This name is an entity of its own, whatever it was merged with.
    case split(EntityRef)
}

/// What other entities a name appears with: the evidence that two forms name one entity, and that
/// one form names two (`الأسد` the president, `الأسد` a footballer).
///
/// Invariant: the cosine is computed in integers up to one final division, so it does not depend on
/// the order a dictionary happens to iterate in (which changes from one process to the next), and a
/// decision at a threshold is the same in every run.
public struct EntityContext: Sendable, Hashable {
    /// Articles each co-occurring name (type and key) shares with this one.
    public let counts: [EntityRef: Int]
    private let squaredNorm: Int

    public init(counts: [EntityRef: Int]) {
        self.counts = counts
        squaredNorm = counts.values.reduce(0) { $0 + $1 * $1 }
    }

    public func cosine(_ other: EntityContext) -> Double {
        guard squaredNorm > 0, other.squaredNorm > 0 else { return 0 }
        let (small, large) = counts.count <= other.counts.count ? (counts, other.counts) : (other.counts, counts)
        let dot = small.reduce(0) { $0 + $1.value * (large[$1.key] ?? 0) }
        return Double(dot) / (Double(squaredNorm).squareRoot() * Double(other.squaredNorm).squareRoot())
    }
}

/// One resolved entity: an id, its canonical name and the names that are its aliases.
public struct EntityGroup: Sendable, Hashable {
    public var id: Int64
    public var type: Entity.Kind
    /// The fullest frequent form (``EntityResolver/canonical(_:)``).
    public var name: String
    /// Indexes into the resolver's names, the most frequent first.
    public var members: [Int]
}

/// How both stores read a name through the entity it resolves to (`entity_aliases`, written by
/// ``ArchiveStore/resolveEntities()``).
public enum EntityAliasSQL {
    /// The keys of every alias of the entity that the name key bound at `placeholder` resolves to
    /// (a person before an organisation of the same name); none while the name is unresolved, so a
    /// caller also matches the key itself.
    public static func keys(ofNameAt placeholder: String) -> String {
        """
        SELECT x.key FROM entity_aliases x WHERE x.entity = (
            SELECT y.entity FROM entity_aliases y WHERE y.key = \(placeholder) ORDER BY y.type = 'person' DESC, y.articles DESC LIMIT 1)
        """
    }
}

/// Entity and speaker facets by entity, once names are resolved: `مايك بومبيو` and `بومبيو` are
/// one line, under the entity's name, not two.
public enum EntityFacets {
    /// Folds the facet values that name one entity into one, counted as the sum of its values'
    /// counts (an article naming two forms of one entity the analysis did not join counts twice),
    /// ordered by count and then name, ``SearchResults/facetLimit`` at most. `entities` maps a
    /// value's search key to its entity's id and canonical name; values it lacks stay as they are.
    public static func fold(_ facets: [FacetCount], entities: [String: (id: Int64, name: String)]) -> [FacetCount] {
        var order = [String]()
        var counts = [String: (label: String, count: Int)]()
        for facet in facets {
            let entity = entities[ArchiveKey.of(facet.value)]
            let key = entity.map { "#\($0.id)" } ?? "=" + facet.value
            if counts[key] == nil { order.append(key) }
            counts[key] = (entity?.name ?? facet.value, (counts[key]?.count ?? 0) + facet.count)
        }
        return order.compactMap { counts[$0] }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
            .prefix(SearchResults.facetLimit).map { FacetCount(value: $0.label, count: $0.count) }
    }

    /// The SQL that reads the entities of the keys bound at `placeholder` (a JSON array of keys):
    /// rows of key, id and name, a person before an organisation of the same name, then the larger.
    public static func entitiesSQL(keysAt placeholder: String, json: String) -> String {
        """
        SELECT x.key AS key, e.id AS id, e.name AS name FROM entity_aliases x JOIN archive_entities e ON e.id = x.entity
        WHERE x.key IN (SELECT value FROM \(json)(\(placeholder))) ORDER BY x.key, x.type = 'person' DESC, e.articles DESC
        """
    }
}
