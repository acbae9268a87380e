import Archive
import Hummingbird
import NewsModel

/// The Atom feeds of searches, people, places, organisations and stories: the same reads as their
/// pages, newest first.
extension WebRoutes {
    /// `/feeds/search.atom?q=…` with the query language and filters of `/search`. The query may be
    /// empty when filters narrow it.
    @Sendable func searchFeed(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request)
        var search = try parameters.searchRequest(defaultLimit: AtomFeed.maxEntries)
        search.order = .newest
        search.facets = false
        search.offset = 0
        let results = try await archive.search(search)
        let text = search.query.isEmpty ? "" : parameters.string("q") ?? ""
        let query = Paths.query(parameters.query.filter { $0.0 != "offset" && $0.0 != "limit" }.map { ($0.0, Optional($0.1)) })
        return AtomFeed(
            title: text.isEmpty ? "مرصد: بحث" : "مرصد: \(text)", key: "search" + query, pagePath: "/search" + query,
            selfPath: "/feeds/search.atom" + query,
            entries: results.hits.map { AtomFeed.Entry(id: $0.id, title: $0.title, path: Paths.article($0.id), published: $0.published, source: $0.source) }
        ).response(for: request)
    }

    /// `/person/NAME.atom` and the like: the newest articles that mention the entity.
    func entityFeed(_ request: Request, name: String, kind: Entity.Kind, id: Int64? = nil) async throws -> Response {
        let mentions = try await archive.search(
            SearchRequest(query: SearchQuery(""), filters: SearchFilters(entity: name), limit: AtomFeed.maxEntries, order: .newest, facets: false))
        guard mentions.total > 0 else { throw Problem(.notFound, "nothing in the archive about \(name)") }
        let page = id.map { Paths.entity(id: $0, kind) } ?? Paths.entity(name, kind)
        return AtomFeed(
            title: "مرصد: \(name)", key: page.dropFirst().description, pagePath: page, selfPath: page + ".atom",
            entries: mentions.hits.map { AtomFeed.Entry(id: $0.id, title: $0.title, path: Paths.article($0.id), published: $0.published, source: $0.source) }
        ).response(for: request)
    }

    /// `/story/ID.atom`: the story's articles, newest first.
    func storyFeed(_ request: Request, id: Int64) async throws -> Response {
        guard let story = try await archive.story(id: id) else { throw Problem(.notFound, "no story \(id)") }
        let newest = story.articles.sorted { (ArchiveDates.sortKey($0.published) ?? "") > (ArchiveDates.sortKey($1.published) ?? "") }
        return AtomFeed(
            title: "مرصد: \(story.summary.title)", key: "story/\(id)", pagePath: Paths.story(id), selfPath: Paths.story(id) + ".atom",
            entries: newest.map { AtomFeed.Entry(id: $0.id, title: $0.title, path: Paths.article($0.id), published: $0.published, summary: $0.lead, source: $0.source) }
        ).response(for: request)
    }
}
