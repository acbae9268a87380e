import Archive
import NewsModel

/// The API's JSON shapes, written with the same `DocumentJSON` writer as the CLI. Every resource
/// carries `href`, the path of its HTML page. `Resources/openapi.json` describes exactly these.
enum APIJSON {
    typealias Value = DocumentJSON.Value

    static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }

    static func summary(_ article: ArticleSummary) -> Value {
        .object([
            ("id", .string(article.id)),
            ("title", .string(article.title)),
            ("source", optional(article.source)),
            ("section", optional(article.section)),
            ("published", optional(article.published)),
            ("url", optional(Views.safeURL(article.url))),
            ("role", .string(article.role.rawValue)),
            ("lead", optional(article.lead)),
            ("image", article.image.map { .object([("caption", .string($0.caption)), ("credit", optional($0.credit))]) } ?? .null),
            ("href", .string(Paths.article(article.id))),
        ])
    }

    static func list(_ name: String, _ items: [Value], limit: Int, offset: Int) -> Value {
        .object([(name, .array(items)), ("limit", .integer(limit)), ("offset", .integer(offset))])
    }

    /// The document model's article, then what the archive knows of it.
    /// Links other than http(s) (`javascript:`, `data:`) are dropped here as on the HTML pages.
    static func stored(_ stored: StoredArticle) -> Value {
        var safe = stored
        safe.article.url = Views.safeURL(stored.article.url)
        guard case .object(let members) = safe.exportValue else { return .null }
        return .object(members + [("href", .string(Paths.article(stored.article.id)))])
    }

    static func search(_ results: SearchResults, limit: Int, offset: Int) -> Value {
        var results = results
        for index in results.hits.indices { results.hits[index].url = Views.safeURL(results.hits[index].url) }
        guard case .object(var members) = SearchJSON.value(results), case .array(let hits)? = members.first(where: { $0.0 == "hits" })?.1 else {
            return .null
        }
        let linked = zip(hits, results.hits).map { value, hit -> Value in
            guard case .object(let fields) = value else { return value }
            return .object(fields + [("href", .string(Paths.article(hit.id)))])
        }
        members = members.map { $0.0 == "hits" ? ("hits", .array(linked)) : $0 }
        members += [("limit", .integer(limit)), ("offset", .integer(offset))]
        return .object(members)
    }

    static func quote(_ quote: QuoteRecord) -> Value {
        .object([
            ("text", .string(quote.text)),
            ("speaker", optional(quote.speaker)),
            ("kind", .string(quote.kind.rawValue)),
            ("cue", optional(quote.cue)),
            ("article", .string(quote.articleID)),
            ("title", .string(quote.title)),
            ("source", optional(quote.source)),
            ("published", optional(quote.published)),
            ("href", .string(Paths.article(quote.articleID))),
            ("speakerHref", quote.speaker.map { .string(Paths.person($0)) } ?? .null),
            ("outlets", .array(quote.outlets.map { .string($0) })),
            ("articles", .integer(quote.articles)),
        ])
    }

    static func entity(_ entity: EntitySummary) -> Value {
        .object([
            ("id", entity.id.map { .integer(Int($0)) } ?? .null),
            ("name", .string(entity.name)),
            ("type", .string(entity.type.rawValue)),
            ("aliases", .array(entity.aliases.map { .string($0) })),
            ("articles", .integer(entity.articles)),
            ("mentions", .integer(entity.mentions)),
            ("quotes", .integer(entity.quotes)),
            ("first", optional(entity.first)),
            ("last", optional(entity.last)),
            ("href", .string(entity.id.map { Paths.entity(id: $0, entity.type) } ?? Paths.entity(entity.name, entity.type))),
        ])
    }

    static func story(_ story: StorySummary) -> Value {
        .object([
            ("id", .integer(Int(story.id))),
            ("title", .string(story.title)),
            ("articles", .integer(story.articles)),
            ("sources", .integer(story.sources)),
            ("first", optional(story.first)),
            ("last", optional(story.last)),
            ("href", .string(Paths.story(story.id))),
        ])
    }

    static func saga(_ saga: SagaSummary) -> Value {
        .object([
            ("id", .integer(Int(saga.id))), ("title", .string(saga.title)), ("stories", .integer(saga.stories)), ("articles", .integer(saga.articles)),
            ("first", optional(saga.first)), ("last", optional(saga.last)), ("href", .string(Paths.saga(saga.id))),
        ])
    }

    static func story(_ detail: StoryDetail) -> Value {
        guard case .object(let members) = story(detail.summary) else { return .null }
        let grid = detail.grid
        let similarity = detail.articles.compactMap { article -> Value? in
            guard let score = detail.similarity[article.id] else { return nil }
            return .object([("id", .string(article.id)), ("similarity", .number(Double(score))), ("outlier", .bool(detail.isOutlier(article.id)))])
        }
        return .object(members + [
            ("timeline", .array(detail.articles.map(summary))), ("copies", .integer(detail.copies)),
            ("similarity", .array(similarity)),
            ("grid", .object([
                ("days", .array(grid.days.map { .string($0) })),
                ("outlets", .array(grid.outlets.map { .object([("outlet", .string($0.outlet)), ("counts", .array($0.counts.map { .integer($0) }))]) })),
            ])),
            ("neighbours", .array(detail.neighbours.map(story))),
            ("saga", detail.saga.map(saga) ?? .null),
        ])
    }

    /// A watched source and its state; its validators stay out.
    static func source(_ source: WatchedSource) -> Value {
        .object([
            ("url", .string(source.url)), ("kind", .string(source.kind.rawValue)), ("everySeconds", .integer(source.everySeconds)),
            ("added", .string(source.added)), ("nextDue", .string(source.nextDue)), ("lastFetch", optional(source.lastFetch)),
            ("lastStatus", optional(source.lastStatus)), ("lastNew", .integer(source.lastNew)), ("totalNew", .integer(source.totalNew)),
            ("failures", .integer(source.failures)), ("lastError", optional(source.lastError)),
        ])
    }

    static func stats(_ stats: ArchiveStats) -> Value {
        .object([
            ("articles", .integer(stats.articles)),
            ("pages", .integer(stats.pages)),
            ("duplicates", .integer(stats.duplicates)),
            ("stories", .integer(stats.stories)),
            ("quotes", .integer(stats.quotes)),
            ("entities", .integer(stats.entities)),
            ("sources", .integer(stats.sources)),
            ("earliest", optional(stats.earliest)),
            ("latest", optional(stats.latest)),
            ("roles", .object(stats.roles.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
            ("unlinked", .integer(stats.unlinked)),
        ])
    }

    static func upload(_ page: Page, outcomes: [IngestOutcome]) -> Value {
        .object([
            ("source", .string(page.source)),
            ("format", .string(page.format.rawValue)),
            ("encoding", .string(page.encoding)),
            ("stored", .integer(outcomes.filter { $0.status != .unchanged }.count)),
            ("articles", .array(page.articles.map { article in
                .object([
                    ("id", .string(article.id)), ("role", .string(article.role.rawValue)), ("title", .string(article.title)),
                    ("href", .string(Paths.article(article.id))),
                ])
            })),
            ("errors", .array(page.errors.map { .string($0.description) })),
        ])
    }
}
