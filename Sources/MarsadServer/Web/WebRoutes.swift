import Archive
import Foundation
import HTTPTypes
import Hummingbird
import NewsModel
import Ingestion

/// The reading site: home, article, search, people, places and organisations, stories and upload.
struct WebRoutes: Sendable {
    let archive: any ArchiveStore
    let configuration: ServerConfiguration
    let ingestor: Ingestor
    let pages: PageRenderer
    let caches: ServerCaches
    let pending: PendingUploads
    let gate: UploadGate

    func register(on router: some RouterMethods<MarsadRequestContext>) {
        router.get("/", use: home)
        router.get("article/:id", use: article)
        router.get("search", use: search)
        router.get("person/:name") { request, context in try await entity(request, context, kind: .person) }
        router.get("place/:name") { request, context in try await entity(request, context, kind: .location) }
        router.get("organization/:name") { request, context in try await entity(request, context, kind: .organization) }
        router.get("stories", use: stories)
        router.get("story/:id", use: story)
        router.get("sagas", use: sagas)
        router.get("saga/:id", use: saga)
        router.get("sources", use: sources)
        router.get("feeds/search.atom", use: searchFeed)
        router.get("upload", use: uploadForm)
        router.post("upload", use: uploadPreview)
        router.post("upload/store", use: uploadStore)
        router.post("upload/session", use: uploadSession)
    }

    // MARK: Home

    /// The newest articles, grouped by section in the order their newest article came in.
    @Sendable func home(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let latest = try await archive.latest(ListRequest(limit: 120)).filter { $0.role != .related }
        var order = [String]()
        var bySection = [String: [ArticleSummary]]()
        for article in latest {
            let section = article.section ?? "أخبار"
            if bySection[section] == nil { order.append(section) }
            if bySection[section, default: []].count < 6 { bySection[section, default: []].append(article) }
        }
        let sections: [Views.Values] = order.prefix(12).map { name in
            ["name": SectionLabels.label(name), "key": name, "href": "/search" + Paths.query([("section", name)]), "articles": bySection[name, default: []].map(Views.card)]
        }
        var values: Views.Values = ["sections": sections]
        if let top = latest.first { values["top"] = Views.card(top) }
        return pages.render("home", title: "آخر الأخبار", values)
    }

    // MARK: Article

    @Sendable func article(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let id = try ArticleID.require(context)
        if let body = caches.page(id) { return pages.response(body) }
        guard let stored = try await archive.article(id: id) else { throw Problem(.notFound, "no article \(id)") }
        let article = stored.article
        async let relatedList = caches.related(id, limit: 5, archive: archive)
        async let storyDetail = story(of: stored)
        async let nextList = next(after: stored)

        var values: Views.Values = ["title": Views.heading(article.title), "id": article.id, "role": Views.roleLabel(article.role.rawValue)]
        values["subtitle"] = article.subtitle
        values["summary"] = article.summary
        if let section = article.section { values["section"] = ["name": SectionLabels.label(section), "key": section, "href": "/search" + Paths.query([("section", section)])] }
        values["source"] = stored.outlet
        Views.date(article.published, into: &values)
        values["bylines"] = Views.bylines(article.bylines)
        values["images"] = article.images.map(Views.image)
        let quotesByParagraph = Dictionary(grouping: article.quotes, by: \.paragraph)
        values["paragraphs"] = article.paragraphs.enumerated().map { index, text in
            ["html": HTMLText.paragraph(text, quotes: quotesByParagraph[index] ?? [])]
        }
        values["quotes"] = article.quotes.filter { $0.speaker != nil }.prefix(12).map { quote -> Views.Values in
            var values: Views.Values = ["text": Views.clipped(quote.text, to: 240), "direct": quote.kind == .direct]
            if let speaker = quote.speaker { values["speaker"] = ["name": speaker, "href": Paths.person(speaker)] }
            return values
        }
        let entities = article.entities.sorted { $0.count > $1.count }.prefix(24)
        values["entities"] = entities.map { ["name": $0.name, "href": Paths.entity($0.name, $0.type), "kind": $0.type.rawValue, "label": Views.entityKindLabel($0.type)] }
        values["url"] = Views.safeURL(article.url)
        if let original = stored.duplicateOf, ArticleID.isValid(original) { values["duplicateOf"] = Paths.article(original) }

        values["related"] = try await relatedList.map(Views.card)
        if let story = try await storyDetail, story.articles.count > 1 {
            let others = story.articles.filter { $0.id != id && $0.source != stored.outlet }
            values["otherOutlets"] = others.prefix(8).map(Views.card)
            values["story"] = ["href": Paths.story(story.summary.id), "articles": story.summary.articles, "sources": story.summary.sources]
        }
        if let next = try await nextList { values["next"] = Views.card(next) }
        for (flag, key) in [("hasEntities", "entities"), ("hasQuotes", "quotes"), ("hasRelated", "related"), ("hasOtherOutlets", "otherOutlets")] {
            values[flag] = !((values[key] as? [Views.Values])?.isEmpty ?? true)
        }
        let body = pages.html("article", title: article.title, values)
        caches.keepPage(id, body)
        return pages.response(body)
    }

    func story(of stored: StoredArticle) async throws -> StoryDetail? {
        guard let id = stored.storyID else { return nil }
        return try await caches.story(id, archive: archive)
    }

    /// The next article to read: the one published just before this one, in its section if it has one.
    func next(after stored: StoredArticle) async throws -> ArticleSummary? {
        // The archive orders by the UTC instant; the article keeps its source's offset.
        guard let published = ArchiveDates.sortKey(stored.article.published) else { return nil }
        // In its section first; the oldest article of a section leads on to the rest of the archive.
        for section in [stored.article.section, nil] {
            let candidates = try await archive.latest(ListRequest(filters: SearchFilters(section: section, to: published), limit: 8))
            if let next = candidates.first(where: { $0.id != stored.article.id && $0.role != .related && $0.id != stored.duplicateOf && $0.published != nil }) {
                return next
            }
            if section == nil { break }
        }
        return nil
    }

    // MARK: Search

    @Sendable func search(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request)
        let queries = parameters.query.filter { $0.0 == "q" }.map(\.1).filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let q = queries.first ?? ""
        var search: SearchRequest
        do {
            search = try parameters.searchRequest()
            search.query = SearchQuery(q)
            if queries.count > Timeline.maxQueries { throw Problem.invalid("q", "at most \(Timeline.maxQueries) queries can be compared") }
        } catch let problem as Problem {
            return pages.render("search", title: "بحث", q: q, status: .badRequest, ["help": true, "problem": problem.detail])
        }
        let filters = search.filters
        let hasFilters = filters != SearchFilters()
        var values: Views.Values = ["from": filters.from ?? "", "to": filters.to ?? ""]
        values["hidden"] = [("section", filters.section), ("source", filters.source), ("entity", filters.entity), ("speaker", filters.speaker)]
            .compactMap { name, value in value.map { ["name": name, "value": $0] } }
        values["compared"] = queries.dropFirst().map { ["text": $0] }
        if queries.count < Timeline.maxQueries { values["canCompare"] = true }
        values["activeFilters"] = activeFilters(parameters, filters)
        guard !search.query.isEmpty || hasFilters else {
            values["help"] = true
            values["examples"] = ["\"وزير الخارجية\"", "مفاوض*", "روسيا OR أوكرانيا", "الدوري -الإسباني"].map { ["text": $0, "href": "/search" + Paths.query([("q", $0)])] }
            return pages.render("search", title: "بحث", q: q, values)
        }
        let results = try await archive.search(search)
        values["total"] = Views.count(results.total)
        values["feed"] = "/feeds/search.atom" + Paths.query(parameters.query.filter { $0.0 != "offset" }.map { ($0.0, Optional($0.1)) })
        values["feedTitle"] = "Atom"
        if results.hits.isEmpty {
            values["noHits"] = true
            if hasFilters { values["withoutFilters"] = "/search" + Paths.query([("q", q)]) }
        } else {
            values["hasHits"] = true
            values["start"] = search.offset + 1
            values["hits"] = results.hits.map(Self.hitValues)
            let base: [(String, String?)] = parameters.query.filter { $0.0 != "offset" }.map { ($0.0, Optional($0.1)) }
            if search.offset > 0 { values["prev"] = "/search" + Paths.query(base + [("offset", String(max(0, search.offset - search.limit)))]) }
            if search.offset + search.limit < results.total { values["next"] = "/search" + Paths.query(base + [("offset", String(search.offset + search.limit))]) }
        }
        values["facets"] = SearchResults.facetNames.compactMap { name -> Views.Values? in
            guard let counts = results.facets[name], !counts.isEmpty else { return nil }
            let base: [(String, String?)] = parameters.query.filter { $0.0 != "offset" && $0.0 != name }.map { ($0.0, Optional($0.1)) }
            return ["label": Views.facetLabel(name), "values": counts.map { count -> Views.Values in
                ["value": name == "role" ? Views.roleLabel(count.value) : name == "section" ? SectionLabels.label(count.value) : count.value,
                 "key": count.value, "count": Views.count(count.count),
                 "href": "/search" + Paths.query(base + [(name, count.value)])]
            }]
        }
        if results.total > 0 {
            try await analysisValues(parameters, queries: queries.isEmpty ? [""] : queries, search: search, results: results, into: &values)
        }
        return pages.render("search", title: q.isEmpty ? "بحث" : "بحث: \(q)", q: q, values)
    }

    static func hitValues(_ hit: SearchHit) -> Views.Values {
        var values: Views.Values = ["title": Views.headline(hit.title), "href": Paths.article(hit.id), "snippet": HTMLText.snippet(hit.snippet)]
        values["source"] = hit.source
        values["section"] = hit.section.map(SectionLabels.label)
        values["sectionKey"] = hit.section
        if !hit.alsoIn.isEmpty { values["alsoIn"] = hit.alsoIn.joined(separator: "، ") }
        Views.date(hit.published, into: &values)
        return values
    }

    /// Each filter in force, with a link that drops it.
    func activeFilters(_ parameters: RequestParameters, _ filters: SearchFilters) -> [Views.Values] {
        let named: [(String, String?)] = [
            ("section", filters.section), ("source", filters.source), ("from", filters.from), ("to", filters.to),
            ("entity", filters.entity), ("speaker", filters.speaker), ("role", filters.role?.rawValue),
        ]
        return named.compactMap { name, value -> Views.Values? in
            guard let value else { return nil }
            let rest: [(String, String?)] = parameters.query.filter { $0.0 != name && $0.0 != "offset" }.map { ($0.0, Optional($0.1)) }
            return ["label": Views.facetLabel(name), "value": name == "section" ? SectionLabels.label(value) : value, "remove": "/search" + Paths.query(rest)]
        }
    }

    // MARK: People, places, organisations

    @Sendable func entity(_ request: Request, _ context: MarsadRequestContext, kind: Entity.Kind) async throws -> Response {
        guard var name = context.parameters.get("name").map({ $0.removingPercentEncoding ?? $0 }), !name.isEmpty, name.unicodeScalars.count <= 200 else {
            throw Problem(.notFound, "no such name")
        }
        let feed = name.hasSuffix(".atom")
        if feed { name.removeLast(5) }
        // A resolved entity's page goes by its id; its names redirect there.
        var known: EntitySummary?
        if let id = Int64(name), id > 0 {
            guard let entity = try await archive.entity(id: id) else { throw Problem(.notFound, "no entity \(id)") }
            guard entity.type == kind else { return Response(status: .movedPermanently, headers: [.location: Paths.entity(id: id, entity.type) + (feed ? ".atom" : "")]) }
            known = entity
            name = entity.name
        } else if let entity = try await archive.entities(EntityRequest(type: kind, name: name, limit: 1)).first {
            if let id = entity.id { return Response(status: .found, headers: [.location: Paths.entity(id: id, kind) + (feed ? ".atom" : "")]) }
            known = entity
        }
        if feed { return try await entityFeed(request, name: name, kind: kind, id: known?.id) }
        let mentions = try await archive.search(SearchRequest(query: SearchQuery(""), filters: SearchFilters(entity: name), limit: 100, order: .newest, facets: false))
        var quotes = [QuoteRecord]()
        if kind == .person { quotes = try await archive.quotes(QuoteRequest(speaker: name, limit: 200)) }
        guard known != nil || mentions.total > 0 || !quotes.isEmpty else { throw Problem(.notFound, "nothing in the archive about \(name)") }

        var values: Views.Values = ["name": known?.name ?? name, "kindLabel": Views.entityKindLabel(kind), "isPerson": kind == .person]
        values["mentionCount"] = Views.count(mentions.total)
        if let known {
            values["first"] = known.first.map(Views.time)
            if known.last != known.first { values["last"] = known.last.map(Views.time) }
        }
        values["articles"] = mentions.hits.prefix(30).map { hit -> Views.Values in
            var values: Views.Values = ["title": Views.headline(hit.title), "href": Paths.article(hit.id)]
            values["source"] = hit.source
            Views.date(hit.published, into: &values)
            return values
        }
        let scope = SearchFilters(entity: name)
        let timeline = try await caches.timeline(queries: [""], filters: scope, interval: nil, share: false, archive: archive)
        values["chart"] = TimelineChart.svg(timeline, share: false) { point in
            "/search" + Paths.query([("entity", name), ("from", point.date), ("to", point.last)])
        }
        if kind == .person, !quotes.isEmpty { values["exportQuotes"] = "/api/v1/quotes" + Paths.query([("speaker", name), ("format", "csv"), ("limit", "200")]) }
        values["quotes"] = quotes.map { quote -> Views.Values in
            var values: Views.Values = ["text": quote.text, "direct": quote.kind == .direct, "href": Paths.article(quote.articleID), "title": Views.headline(quote.title)]
            values["source"] = quote.source
            // Listed once; the other outlets that carried the same words.
            let others = quote.outlets.filter { $0 != quote.source }
            if !others.isEmpty { values["alsoIn"] = others.joined(separator: "، ") }
            Views.date(quote.published, into: &values)
            return values
        }
        values["hasQuotes"] = !quotes.isEmpty
        let aliases = (known?.aliases ?? []).filter { $0 != (known?.name ?? name) }
        if !aliases.isEmpty { values["aliases"] = aliases.joined(separator: "، ") }
        values["searchHref"] = "/search" + Paths.query([("entity", name)])
        if mentions.total > 0 {
            values["feed"] = (known?.id.map { Paths.entity(id: $0, kind) } ?? Paths.entity(name, kind)) + ".atom"
            values["feedTitle"] = "Atom"
        }
        return pages.render("entity", title: known?.name ?? name, values)
    }

    // MARK: Stories

    @Sendable func stories(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request)
        let offset = try parameters.int("offset", default: 0, in: 0...10_000)
        let stories = try await archive.stories(limit: 30, offset: offset)
        let values: Views.Values = ["stories": stories.map { story -> Views.Values in
            var values: Views.Values = ["title": Views.headline(story.title), "href": Paths.story(story.id), "articles": story.articles, "sources": story.sources]
            values["first"] = story.first.map(Views.time)
            values["last"] = story.last.map(Views.time)
            return values
        }]
        var page = values
        if stories.count == 30 { page["next"] = "/stories?offset=\(offset + 30)" }
        return pages.render("stories", title: "القصص", page)
    }

    @Sendable func story(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        guard var text = context.parameters.get("id") else { throw Problem(.notFound, "no such story") }
        let isFeed = text.hasSuffix(".atom")
        if isFeed { text.removeLast(5) }
        guard let id = Int64(text), id > 0 else { throw Problem(.notFound, "no such story") }
        if isFeed { return try await storyFeed(request, id: id) }
        guard let story = try await archive.story(id: id) else { throw Problem(.notFound, "no story \(id)") }
        let sources = Set(story.articles.compactMap(\.source)).sorted()
        var values: Views.Values = [
            "title": Views.heading(story.summary.title), "articles": Views.count(story.summary.articles), "sourceCount": story.summary.sources,
            "sources": sources, "timeline": story.articles.map { Self.storyCard($0, in: story) },
            "copies": story.copies > 0 ? Views.count(story.copies) : "",
            "first": story.summary.first.map(Views.time) ?? "", "last": story.summary.last.map(Views.time) ?? "",
            "feed": Paths.story(id) + ".atom", "feedTitle": "Atom",
        ]
        let grid = story.grid
        if grid.days.count > 1 || grid.outlets.count > 1 {
            values["hasGrid"] = true
            values["gridDays"] = grid.days.map { String($0.suffix(5)) }
            values["gridRows"] = grid.outlets.map { row -> Views.Values in ["outlet": row.outlet, "cells": row.counts.map { $0 > 0 ? String($0) : "" }] }
        }
        if let saga = story.saga {
            values["saga"] = ["title": Views.headline(saga.title), "href": Paths.saga(saga.id), "stories": Views.count(saga.stories)] as Views.Values
        }
        var days = DayCounts()
        for article in story.articles { days.add(published: ArchiveDates.sortKey(article.published)) }
        let timeline = try Timeline.build(queries: [(story.summary.title, days)], filters: SearchFilters(), interval: nil, baseline: nil)
        values["chart"] = TimelineChart.svg(timeline, share: false) { _ in nil }
        values["neighbours"] = story.neighbours.map { ["title": Views.headline($0.title), "href": Paths.story($0.id), "articles": Views.count($0.articles)] }
        values["hasNeighbours"] = !story.neighbours.isEmpty
        return pages.render("story", title: story.summary.title, values)
    }

    /// A timeline card with how close the article is to the story's centroid, flagged when far.
    static func storyCard(_ article: ArticleSummary, in story: StoryDetail) -> Views.Values {
        var card = Views.card(article)
        if let score = story.similarity[article.id] {
            card["similarity"] = String(format: "%.2f", score)
            card["outlier"] = story.isOutlier(article.id)
        }
        return card
    }

    // MARK: Sagas

    @Sendable func sagas(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let offset = try RequestParameters(request).int("offset", default: 0, in: 0...10_000)
        let sagas = try await archive.sagas(limit: 30, offset: offset)
        var values: Views.Values = ["sagas": sagas.map { saga -> Views.Values in
            var values: Views.Values = ["title": Views.headline(saga.title), "href": Paths.saga(saga.id), "stories": saga.stories, "articles": saga.articles]
            values["first"] = saga.first.map(Views.time)
            values["last"] = saga.last.map(Views.time)
            return values
        }]
        if sagas.count == 30 { values["next"] = "/sagas?offset=\(offset + 30)" }
        return pages.render("sagas", title: "القضايا المتواصلة", values)
    }

    @Sendable func saga(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw Problem(.notFound, "no such saga") }
        guard let saga = try await archive.saga(id: id) else { throw Problem(.notFound, "no saga \(id)") }
        let values: Views.Values = [
            "title": Views.heading(saga.summary.title), "stories": Views.count(saga.summary.stories), "articles": Views.count(saga.summary.articles),
            "first": saga.summary.first.map(Views.time) ?? "", "last": saga.summary.last.map(Views.time) ?? "",
            "timeline": saga.stories.map { story -> Views.Values in
                var values: Views.Values = ["title": Views.headline(story.title), "href": Paths.story(story.id), "articles": story.articles, "sources": story.sources]
                values["first"] = story.first.map(Views.time)
                return values
            },
        ]
        return pages.render("saga", title: saga.summary.title, values)
    }

    // MARK: Sources

    /// What `marsad watch` follows, with each source's state; read-only (sources are added from the CLI).
    @Sendable func sources(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let sources = try await archive.watchedSources()
        let rows = sources.map { source -> Views.Values in
            var row: Views.Values = [
                "url": source.url, "kind": source.kind.rawValue, "every": WatchPeriod.text(source.everySeconds),
                "status": Views.sourceStatus(source.lastStatus), "lastNew": source.lastNew, "totalNew": source.totalNew,
                "nextDue": Views.time(source.nextDue),
            ]
            row["lastFetch"] = source.lastFetch.map(Views.time)
            if source.failures > 0 {
                row["failing"] = true
                row["failures"] = source.failures
                row["lastError"] = source.lastError ?? ""
            }
            return row
        }
        return pages.render("sources", title: "المصادر", ["sources": rows])
    }

    // MARK: Upload

    /// The form, or what stands before it: how to enable uploads on a closed server, or the token
    /// form that opens a session.
    @Sendable func uploadForm(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        var values = uploadValues()
        switch gate.access {
        case .closed: values["closed"] = true
        case .token:
            let signedIn = UploadSessions.cookie(in: request.headers).map { gate.sessions.isValid($0) } ?? false
            values[signedIn ? "open" : "needsSession"] = true
        case .loopback: values["open"] = true
        }
        return pages.render("upload", title: "إضافة صفحة", values)
    }

    func uploadValues() -> Views.Values {
        ["maxMegabytes": max(1, configuration.maxUploadBytes >> 20), "formats": Page.Format.allCases.map { ["value": $0.rawValue] }]
    }

    /// The token, typed once, buys a session cookie: the upload form's posts are then judged by that
    /// header alone, before their bodies are read.
    @Sendable func uploadSession(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        try SameOrigin.check(request)
        let token: String
        switch gate.access {
        case .closed: throw Problem.uploadsClosed
        case .loopback: return Response(status: .seeOther, headers: [.location: "/upload"])  // no token to trade
        case .token(let value): token = value
        }
        let body = try await request.body.collect(upTo: Self.smallFormBytes)
        let given = FormFields(String(buffer: body))["token"] ?? ""
        guard UploadAuthorization.matches(Array(given.utf8), token) else { throw Problem(.unauthorized, "wrong ingest token") }
        let id = gate.sessions.open()
        return Response(status: .seeOther, headers: [.location: "/upload", .setCookie: UploadSessions.setCookie(id)])
    }

    /// The largest urlencoded form this site takes (a token, a pending id).
    static let smallFormBytes = 4 * 1024

    /// Extracts the page and shows what would be stored; nothing is written yet.
    @Sendable func uploadPreview(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        try gate.checkForm(request, context: context)
        guard let boundary = MultipartForm.boundary(request.headers[.contentType]) else {
            throw Problem(.unsupportedMediaType, "send the form as multipart/form-data")
        }
        let body = try await UploadBody.collect(request, limit: configuration.maxUploadBytes + 64 * 1024)
        let form = try MultipartForm(bytes: ByteBuffer(bytes: body), boundary: boundary)
        guard let file = form.file else { throw Problem.invalid("file", "choose a page file to upload") }
        guard file.bytes.count <= configuration.maxUploadBytes else {
            throw Problem(.contentTooLarge, "the page is \(file.bytes.count) bytes; this server takes at most \(configuration.maxUploadBytes)")
        }
        let format = try UploadBody.format(form.fields["format"].flatMap { $0.isEmpty ? nil : $0 })
        let source = try UploadBody.sourceName(file.name.isEmpty ? nil : "upload:" + file.name, bytes: file.bytes)
        let page = try UploadBody.requireArticles(ingestor.extract(file.bytes, source: source, format: format, contentType: file.contentType), name: file.name)
        let token = pending.add(page)
        let values: Views.Values = [
            "file": file.name, "format": page.format.rawValue, "encoding": page.encoding, "pending": token,
            "errors": page.errors.map(\.description),
            "articles": page.articles.map { article -> Views.Values in
                var values: Views.Values = [
                    "title": Views.heading(article.title), "role": Views.roleLabel(article.role.rawValue), "paragraphs": article.paragraphs.count,
                    "quotes": article.quotes.count, "entities": article.entities.prefix(8).map { ["name": $0.name, "label": Views.entityKindLabel($0.type)] },
                ]
                values["subtitle"] = article.subtitle
                values["section"] = article.section
                values["lead"] = (article.paragraphs.first ?? article.summary).map { Views.clipped($0, to: 240) }
                values["images"] = article.images.map(Views.image)
                values["bylines"] = Views.bylines(article.bylines)
                return values
            },
        ]
        return pages.render("preview", title: "معاينة الصفحة", values)
    }

    @Sendable func uploadStore(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        try gate.checkForm(request, context: context)
        let body = try await request.body.collect(upTo: Self.smallFormBytes)
        let fields = FormFields(String(buffer: body))
        guard let key = fields["pending"], let page = pending.take(key) else {
            throw Problem(.notFound, "this preview has expired or was already stored; upload the file again")
        }
        _ = try await ingestor.store(page, in: archive)
        caches.stored(in: archive)
        let target = page.articles.first { $0.role == .main } ?? page.articles[0]
        return Response(status: .seeOther, headers: [.location: Paths.article(target.id)])
    }
}

/// `application/x-www-form-urlencoded` fields.
struct FormFields {
    var values: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            values[Self.decode(String(name))] = Self.decode(value)
        }
    }

    subscript(name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}
