public import NewsModel
import StableHash

/// A page ready to store: its articles extracted and analyzed, plus what the archive derives.
public struct ArchivePage: Sendable, Hashable {
    /// The path, URL or record key that identifies the page across runs.
    public var source: String
    public var format: Page.Format
    public var encoding: String
    public var articles: [ArchiveArticle]
    /// A hash of everything stored for the page; an equal digest means nothing changed.
    public var digest: UInt64

    public init(source: String, format: Page.Format, encoding: String, articles: [ArchiveArticle]) {
        self.source = source
        self.format = format
        self.encoding = encoding
        self.articles = articles
        var hash = FNV1a64()
        hash.add(field: source)
        for article in articles { hash.add(article.digest) }
        digest = hash.value
    }
}

/// An article and the archive's derived fields.
public struct ArchiveArticle: Sendable, Hashable {
    public var article: Article {
        didSet {
            documentJSON = Self.documentJSON(article)
            publishedKey = ArchiveDates.sortKey(article.published)
        }
    }
    /// The outlet (site or agency) the article came from: a filter and a facet.
    public var outlet: String?
    public var fingerprint: ArticleFingerprint
    public var index: IndexDocument {
        didSet { characteristicTerms = Self.characteristicTerms(index) }
    }
    /// The article's document JSON without its paragraphs (what the store keeps beside the body), and
    /// its 16 characteristic terms (``RelatedQuery/terms(title:body:limit:)``, the story lookup's
    /// probe). Both are made with the article, where pages are prepared in parallel, rather than in
    /// the store's one writer: they were a twentieth of its time.
    public private(set) var documentJSON: String
    public private(set) var characteristicTerms: [String]
    /// `published` as the archive sorts and filters it (``ArchiveDates/sortKey(_:)``), parsed once.
    public private(set) var publishedKey: String?
    /// `published` as the source wrote it, where that differs from ``publishedKey``; else nil.
    public var publishedLocal: String? { article.published == publishedKey ? nil : article.published }

    public init(article: Article, outlet: String?, fingerprint: ArticleFingerprint, index: IndexDocument) {
        self.article = article
        self.outlet = outlet
        self.fingerprint = fingerprint
        self.index = index
        self.documentJSON = Self.documentJSON(article)
        self.characteristicTerms = Self.characteristicTerms(index)
        self.publishedKey = ArchiveDates.sortKey(article.published)
    }

    /// ``documentJSON`` for `article`.
    public static func documentJSON(_ article: Article) -> String {
        var document = article
        document.paragraphs = []
        // DocumentJSON writes the model's own key order, several times faster than JSONEncoder here.
        return DocumentJSON.string(DocumentJSON.value(document), pretty: false)
    }

    static func characteristicTerms(_ index: IndexDocument) -> [String] {
        RelatedQuery.terms(title: index.title, body: index.body, limit: 16)
    }

    /// A hash of the article as stored (its fields and analysis), to tell a changed page.
    var digest: UInt64 {
        var hash = FNV1a64()
        hash.add(field: article.id)
        hash.add(fingerprint.exact)
        hash.add(field: article.published ?? "")
        hash.add(field: article.section ?? "")
        hash.add(field: article.subtitle ?? "")
        hash.add(UInt64(article.quotes.count &* 31 &+ article.entities.count &* 7 &+ article.images.count))
        for image in article.images { hash.add(field: image.caption); hash.add(field: image.credit ?? "") }
        hash.add(field: article.role.rawValue)
        return hash.value
    }
}

/// What an article's content looks like to the duplicate and story finders.
public struct ArticleFingerprint: Sendable, Hashable {
    /// Hash of the normalized title and body: equal means an exact copy.
    public var exact: UInt64
    /// The near-duplicate signature (MinHash and what the policy needs besides), serialized by the
    /// ``SimilarityPolicy``'s side; empty when the article is too short to shingle.
    public var signature: [UInt8]
    /// LSH band keys of the signature: articles sharing a key are near-duplicate candidates.
    public var bands: [Int64]
    /// Top weighted terms, serialized, for stories.
    public var terms: [UInt8]

    public init(exact: UInt64, signature: [UInt8] = [], bands: [Int64] = [], terms: [UInt8] = []) {
        self.exact = exact
        self.signature = signature
        self.bands = bands
        self.terms = terms
    }
}

/// What one call of the linking stage did (``ArchiveStore/link(limit:)``).
public struct LinkProgress: Sendable, Hashable, Codable {
    /// Articles linked per transaction by default: large enough to amortize the commit, small
    /// enough that a kill loses little work and readers see stories fill in steadily.
    public static let batch = 500

    /// Articles linked by this call.
    public var linked: Int
    /// Of those, the ones found to copy an earlier article (exactly, nearly, or as its teaser).
    public var copies: Int
    /// Earlier teasers that an article linked by this call turned out to contain.
    public var adoptedTeasers: Int
    /// Articles still waiting to be linked after this call.
    public var pending: Int

    public init(linked: Int = 0, copies: Int = 0, adoptedTeasers: Int = 0, pending: Int = 0) {
        self.linked = linked
        self.copies = copies
        self.adoptedTeasers = adoptedTeasers
        self.pending = pending
    }

    public mutating func add(_ other: LinkProgress) {
        linked += other.linked
        copies += other.copies
        adoptedTeasers += other.adoptedTeasers
        pending = other.pending
    }
}

/// What storing one page did.
public struct IngestOutcome: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// A page not seen before.
        case inserted
        /// A known page whose content changed: its articles were replaced.
        case updated
        /// A known page with the same content: nothing was written.
        case unchanged
    }

    public var source: String
    public var status: Status
    public var articles: Int
    /// Articles found to copy another when the page was stored: the extractor's links within the
    /// page, and, on a store that links in the page's transaction, copies of stored articles. A store
    /// with a linking stage reports those later (``LinkProgress/copies``).
    public var duplicates: Int

    public init(source: String, status: Status, articles: Int, duplicates: Int) {
        self.source = source
        self.status = status
        self.articles = articles
        self.duplicates = duplicates
    }
}

/// An article as the archive returns it.
public struct StoredArticle: Sendable, Hashable {
    public var article: Article
    public var outlet: String?
    public var pageSource: String
    /// The stored article this one copies, across pages and outlets.
    public var duplicateOf: String?
    public var storyID: Int64?
    public var ingested: String

    public init(article: Article, outlet: String?, pageSource: String, duplicateOf: String?, storyID: Int64?, ingested: String) {
        self.article = article
        self.outlet = outlet
        self.pageSource = pageSource
        self.duplicateOf = duplicateOf
        self.storyID = storyID
        self.ingested = ingested
    }
}

/// An article in a list: enough for a headline row.
public struct ArticleSummary: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var source: String?
    public var section: String?
    public var published: String?
    public var url: String?
    public var role: Article.Role
    /// The first paragraph or the teaser's summary, cut short.
    public var lead: String?
    public var image: Image?

    public init(id: String, title: String, source: String?, section: String?, published: String?, url: String?, role: Article.Role, lead: String?, image: Image?) {
        self.id = id
        self.title = title
        self.source = source
        self.section = section
        self.published = published
        self.url = url
        self.role = role
        self.lead = lead
        self.image = image
    }
}

/// Filters shared by search and lists. Text filters compare search-normalized forms, so «الاقتصاد»
/// matches «اقتصاد» written with or without hamza forms and harakat.
public struct SearchFilters: Sendable, Hashable {
    public var section: String?
    public var source: String?
    /// Inclusive, `YYYY-MM-DD` (or any ISO 8601 prefix).
    public var from: String?
    /// Inclusive, `YYYY-MM-DD`.
    public var to: String?
    /// An entity name: articles that mention it.
    public var entity: String?
    /// A speaker: articles that quote them.
    public var speaker: String?
    public var role: Article.Role?
    /// Lists exact copies as articles of their own; by default they are folded into their original
    /// (``SearchHit/alsoIn``), so that one text is one hit and counts once in the facets.
    public var includeCopies: Bool

    public init(
        section: String? = nil, source: String? = nil, from: String? = nil, to: String? = nil, entity: String? = nil, speaker: String? = nil,
        role: Article.Role? = nil, includeCopies: Bool = false
    ) {
        self.section = section
        self.source = source
        self.from = from
        self.to = to
        self.entity = entity
        self.speaker = speaker
        self.role = role
        self.includeCopies = includeCopies
    }

    /// Checks the dates, so that a bad one is reported by field rather than silently matching nothing.
    public func validated() throws -> SearchFilters {
        for (field, value) in [("from", from), ("to", to)] {
            guard let value else { continue }
            guard ArchiveDates.isDatePrefix(value) else {
                throw ArchiveError.invalidRequest(field: field, reason: "expected YYYY-MM-DD, got \(value)")
            }
        }
        return self
    }
}

public struct SearchRequest: Sendable, Hashable {
    public enum Order: Sendable, Hashable {
        /// BM25 with field weights.
        case relevance
        /// BM25 discounted by age: a score halves every `halfLifeDays` before the newest article.
        case recency(halfLifeDays: Double)
        /// Newest first, ignoring the score.
        case newest
    }

    public var query: SearchQuery
    public var filters: SearchFilters
    public var limit: Int
    public var offset: Int
    public var order: Order
    public var facets: Bool

    public init(query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 10, offset: Int = 0, order: Order = .relevance, facets: Bool = true) {
        self.query = query
        self.filters = filters
        self.limit = max(0, min(limit, 1_000))
        self.offset = max(0, min(offset, 100_000))
        self.order = order
        self.facets = facets
    }
}

public struct SearchHit: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var source: String?
    public var section: String?
    public var published: String?
    public var url: String?
    public var snippet: Snippet
    /// Higher is better; comparable only within one result list.
    public var score: Double
    /// The outlets of its exact copies, folded into this hit (``SearchFilters/includeCopies``).
    public var alsoIn: [String]

    public init(
        id: String, title: String, source: String?, section: String?, published: String?, url: String?, snippet: Snippet, score: Double,
        alsoIn: [String] = []
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.section = section
        self.published = published
        self.url = url
        self.snippet = snippet
        self.score = score
        self.alsoIn = alsoIn
    }
}

public struct FacetCount: Sendable, Hashable, Codable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

public struct SearchResults: Sendable, Hashable {
    public var total: Int
    public var hits: [SearchHit]
    /// Counts over all hits (not just this page) by `section`, `source`, `role`, `entity` and `speaker`.
    public var facets: [String: [FacetCount]]

    public init(total: Int, hits: [SearchHit], facets: [String: [FacetCount]]) {
        self.total = total
        self.hits = hits
        self.facets = facets
    }

    public static let facetNames = ["section", "source", "role", "entity", "speaker"]
    /// Facet values listed per facet.
    public static let facetLimit = 10
    /// Entity and speaker facets count the best-ranked this-many hits (every hit when there are
    /// fewer); section, source and role always count every hit. 500, not more: an article has
    /// dozens of entity rows, and counting them for 2,000 hits took a common word over ANT from
    /// 35 to 55 ms.
    public static let entityFacetSample = 500
}

public struct ListRequest: Sendable, Hashable {
    public var filters: SearchFilters
    public var limit: Int
    public var offset: Int

    public init(filters: SearchFilters = SearchFilters(), limit: Int = 20, offset: Int = 0) {
        self.filters = filters
        self.limit = max(0, min(limit, 1_000))
        self.offset = max(0, offset)
    }
}

public struct QuoteRequest: Sendable, Hashable {
    public var speaker: String?
    public var kind: Quote.Kind?
    public var limit: Int
    public var offset: Int

    public init(speaker: String? = nil, kind: Quote.Kind? = nil, limit: Int = 50, offset: Int = 0) {
        self.speaker = speaker
        self.kind = kind
        self.limit = max(0, min(limit, 10_000))
        self.offset = max(0, offset)
    }
}

/// A quote with the article it came from, for "who said what, over time".
/// A quote as the archive lists it: once however many articles carried the same words from the same
/// speaker (copies, or outlets running one wire), shown with the first article that carried it.
public struct QuoteRecord: Sendable, Hashable, Codable {
    public var text: String
    public var speaker: String?
    public var kind: Quote.Kind
    public var cue: String?
    /// The first article (the oldest stored) that carried it.
    public var articleID: String
    public var title: String
    public var source: String?
    public var published: String?
    /// The first article's address.
    public var url: String?
    /// Every outlet that carried it, sorted.
    public var outlets: [String]
    /// How many articles carried it.
    public var articles: Int

    public init(
        text: String, speaker: String?, kind: Quote.Kind, cue: String?, articleID: String, title: String, source: String?, published: String?,
        url: String? = nil, outlets: [String] = [], articles: Int = 1
    ) {
        self.text = text
        self.speaker = speaker
        self.kind = kind
        self.cue = cue
        self.articleID = articleID
        self.title = title
        self.source = source
        self.published = published
        self.url = url
        self.outlets = outlets
        self.articles = articles
    }
}

public struct EntityRequest: Sendable, Hashable {
    public var type: Entity.Kind?
    /// Matches the canonical name or any mention, search-normalized.
    public var name: String?
    public var limit: Int

    public init(type: Entity.Kind? = nil, name: String? = nil, limit: Int = 50) {
        self.type = type
        self.name = name
        self.limit = max(0, min(limit, 10_000))
    }
}

/// An entity across the archive.
public struct EntitySummary: Sendable, Hashable, Codable {
    /// The resolved entity's id (``ArchiveStore/resolveEntities()``); nil while the archive has not
    /// resolved its names, when an entity is one name.
    public var id: Int64?
    /// The canonical name: the fullest frequent form.
    public var name: String
    public var type: Entity.Kind
    /// Articles that mention it.
    public var articles: Int
    public var mentions: Int
    public var first: String?
    public var last: String?
    /// Every name that resolves to it, the most frequent first (the name alone before resolution).
    public var aliases: [String]
    /// Quotes whose speaker is one of its names.
    public var quotes: Int

    public init(
        id: Int64? = nil, name: String, type: Entity.Kind, articles: Int, mentions: Int, first: String?, last: String?,
        aliases: [String] = [], quotes: Int = 0
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.articles = articles
        self.mentions = mentions
        self.first = first
        self.last = last
        self.aliases = aliases.isEmpty ? [name] : aliases
        self.quotes = quotes
    }
}

/// A developing story (``SagaBuilder``): the events of one affair over weeks.
public struct SagaSummary: Sendable, Hashable, Codable {
    /// Its core story's id.
    public var id: Int64
    /// The core story's title.
    public var title: String
    public var stories: Int
    /// Originals over all its stories.
    public var articles: Int
    public var first: String?
    public var last: String?

    public init(id: Int64, title: String, stories: Int, articles: Int, first: String?, last: String?) {
        self.id = id
        self.title = title
        self.stories = stories
        self.articles = articles
        self.first = first
        self.last = last
    }
}

public struct SagaDetail: Sendable, Hashable {
    public var summary: SagaSummary
    /// Its stories, oldest first.
    public var stories: [StorySummary]

    public init(summary: SagaSummary, stories: [StorySummary]) {
        self.summary = summary
        self.stories = stories
    }
}

/// What ``ArchiveStore/resolveEntities()`` made of the archive's names.
public struct EntityResolutionSummary: Sendable, Hashable, Codable {
    /// Distinct names (type and search key).
    public var names: Int
    public var entities: Int
    /// Names that joined another name's entity.
    public var merged: Int
    /// User corrections applied.
    public var corrections: Int

    public init(names: Int = 0, entities: Int = 0, merged: Int = 0, corrections: Int = 0) {
        self.names = names
        self.entities = entities
        self.merged = merged
        self.corrections = corrections
    }
}

/// A user's correction of an entity, by id (``ArchiveStore/correctEntity(_:)``).
public enum EntityEdit: Sendable, Hashable {
    /// The second entity is the first: its names become the first's aliases.
    case merge(Int64, into: Int64)
    /// The name leaves the entity and becomes an entity of its own.
    case split(Int64, alias: String)
}

public struct StorySummary: Sendable, Hashable, Codable {
    public var id: Int64
    /// The title of the story's most central article (``StoryProfile/central``), else of its first
    /// original.
    public var title: String
    public var articles: Int
    public var sources: Int
    public var first: String?
    public var last: String?

    public init(id: Int64, title: String, articles: Int, sources: Int, first: String?, last: String?) {
        self.id = id
        self.title = title
        self.articles = articles
        self.sources = sources
        self.first = first
        self.last = last
    }
}

public struct StoryDetail: Sendable, Hashable {
    /// Its counts are the story list's: originals only.
    public var summary: StorySummary
    /// Oldest first: the story's timeline, originals only (at most ``timelineLimit``).
    public var articles: [ArticleSummary]
    /// Copies of its articles, folded out of the timeline.
    public var copies: Int
    /// Each timeline article's cosine to the story's centroid, by article id; empty when the store
    /// keeps no profile of the story.
    public var similarity: [String: Float]
    /// Stories close to it in words within a few days (``neighbourDays``), the closest first.
    public var neighbours: [StorySummary]
    /// The developing story it is part of, if any (``ArchiveStore/buildSagas()``).
    public var saga: SagaSummary?

    public init(summary: StorySummary, articles: [ArticleSummary], copies: Int = 0, similarity: [String: Float] = [:], neighbours: [StorySummary] = []) {
        self.summary = summary
        self.articles = articles
        self.copies = copies
        self.similarity = similarity
        self.neighbours = neighbours
    }

    /// An article this far from the centroid is flagged: well under what joins a story (0.4–0.45
    /// with the standard matcher), so the story has moved away from it since.
    public static let outlierSimilarity: Float = 0.3
    /// Neighbours: stories whose mean day is this close to this one's…
    public static let neighbourDays = 3.0
    /// …and whose centroid is at least this close: related coverage, not the same event.
    public static let neighbourCloseness: Float = 0.2
    /// Neighbours listed at most.
    public static let neighbourLimit = 5

    public func isOutlier(_ id: String) -> Bool {
        similarity[id].map { $0 < Self.outlierSimilarity } ?? false
    }

    /// Articles per outlet and day (UTC): the days in order, and each outlet (in order of its first
    /// article) with its count on each day. Undated articles are left out.
    public var grid: (days: [String], outlets: [(outlet: String, counts: [Int])]) {
        var days = Set<String>()
        var order = [String]()
        var counts = [String: [String: Int]]()
        for article in articles {
            guard let day = ArchiveDates.sortKey(article.published).map({ String($0.prefix(10)) }) else { continue }
            let outlet = article.source ?? "—"
            if counts[outlet] == nil { order.append(outlet) }
            counts[outlet, default: [:]][day, default: 0] += 1
            days.insert(day)
        }
        let sorted = days.sorted()
        return (sorted, order.map { outlet in (outlet, sorted.map { counts[outlet]?[$0] ?? 0 }) })
    }

    /// Articles a timeline lists.
    public static let timelineLimit = 500
    /// Stories one call of ``ArchiveStore/stories(limit:offset:)`` returns at most: page with `offset`.
    public static let pageLimit = 1_000
}

public struct ArchiveStats: Sendable, Hashable, Codable {
    public var pages: Int
    public var articles: Int
    public var duplicates: Int
    public var stories: Int
    public var quotes: Int
    /// Resolved entities (``ArchiveStore/resolveEntities()``); distinct names while unresolved.
    public var entities: Int
    public var sources: Int
    public var earliest: String?
    public var latest: String?
    /// Articles per role (`main`, `continuation`, `related`).
    public var roles: [String: Int]
    /// Articles stored but not linked yet to their copies and stories (``ArchiveStore/link(limit:)``).
    public var unlinked: Int
    public var store: String

    public init(pages: Int, articles: Int, duplicates: Int, stories: Int, quotes: Int, entities: Int, sources: Int, earliest: String?, latest: String?, roles: [String: Int], unlinked: Int = 0, store: String) {
        self.pages = pages
        self.articles = articles
        self.duplicates = duplicates
        self.stories = stories
        self.quotes = quotes
        self.entities = entities
        self.sources = sources
        self.earliest = earliest
        self.latest = latest
        self.roles = roles
        self.unlinked = unlinked
        self.store = store
    }
}

extension SearchFilters {
    /// An article that is not an exact copy: of the original it points to, or of another copy of
    /// that original with the smaller id (a near copy's exact copies point to the near copy's
    /// original, so of the identical texts one is shown). Near copies and teasers stay: they differ
    /// from their original, and a reader may want either.
    public static let notAnExactCopy = """
        (a.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM articles o WHERE o.exact_hash = a.exact_hash \
        AND (o.id = a.duplicate_of OR (o.duplicate_of = a.duplicate_of AND o.id < a.id))))
        """

    /// The filters as SQL conditions over `articles a`, the same in both stores. `bind` takes a value
    /// and returns its placeholder (`?` in SQLite, `$n` in PostgreSQL), so no value is ever spliced in.
    /// Text filters compare search-normalized keys.
    public func sqlConditions(bind: (String) -> String) -> [String] {
        var conditions = [String]()
        if let section { conditions.append("a.section_key = \(bind(ArchiveKey.of(section)))") }
        if let source { conditions.append("a.outlet_key = \(bind(ArchiveKey.of(source)))") }
        if let from { conditions.append("a.published >= \(bind(from))") }
        if let to { conditions.append("a.published < \(bind(ArchiveDates.inclusiveUpperBound(to)))") }
        if let role { conditions.append("a.role = \(bind(role.rawValue))") }
        // An entity or a speaker under any of its names.
        if let entity {
            let key = ArchiveKey.of(entity)
            conditions.append("a.seq IN (SELECT article FROM entity_keys WHERE key = \(bind(key)) OR key IN (\(EntityAliasSQL.keys(ofNameAt: bind(key)))))")
        }
        if let speaker {
            let key = ArchiveKey.of(speaker)
            conditions.append("a.seq IN (SELECT article FROM quotes WHERE speaker_key = \(bind(key)) OR speaker_key IN (\(EntityAliasSQL.keys(ofNameAt: bind(key)))))")
        }
        if !includeCopies { conditions.append(Self.notAnExactCopy) }
        return conditions
    }
}
