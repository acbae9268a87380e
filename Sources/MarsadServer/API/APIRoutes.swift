import Archive
import Foundation
import HTTPTypes
import Hummingbird
import NewsModel
import StableHash
import Ingestion

/// `/api/v1`: JSON over the archive. Reading is open; `POST /pages` needs the ingest token when one
/// is set. The shapes are in `Resources/openapi.json`, served at `/api/v1/openapi.json`.
struct APIRoutes: Sendable {
    let archive: any ArchiveStore
    let configuration: ServerConfiguration
    let ingestor: Ingestor
    let caches: ServerCaches
    let gate: UploadGate

    func register(on router: some RouterMethods<MarsadRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in try OpenAPIDocument.response() }
        api.get("stats") { _, _ in JSONResponse.make(APIJSON.stats(try await archive.stats())) }
        api.get("articles", use: articles)
        api.get("articles/:id", use: article)
        api.get("articles/:id/related", use: related)
        api.get("search", use: search)
        api.get("timeline", use: timeline)
        api.get("export", use: export)
        api.get("quotes", use: quotes)
        api.get("entities", use: entities)
        api.get("entities/:id", use: entity)
        api.post("entities/:id/merge", use: mergeEntity)
        api.post("entities/:id/split", use: splitEntity)
        api.get("stories", use: stories)
        api.get("stories/:id", use: story)
        api.get("sagas", use: sagas)
        api.get("sagas/:id", use: saga)
        api.get("sources") { _, _ in JSONResponse.make(.object([("sources", .array(try await archive.watchedSources().map(APIJSON.source)))])) }
        api.post("pages", use: upload)
    }

    @Sendable func articles(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let limit = try parameters.int("limit", default: 20, in: 1...100)
        let offset = try parameters.int("offset", default: 0, in: 0...10_000)
        let list = try await archive.latest(ListRequest(filters: try parameters.filters(), limit: limit, offset: offset))
        return JSONResponse.make(APIJSON.list("articles", list.map(APIJSON.summary), limit: limit, offset: offset))
    }

    @Sendable func article(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let id = try ArticleID.require(context)
        guard let stored = try await archive.article(id: id) else { throw Problem(.notFound, "no article \(id)") }
        return JSONResponse.make(APIJSON.stored(stored))
    }

    @Sendable func related(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let id = try ArticleID.require(context)
        let limit = try RequestParameters(request, strict: true).int("limit", default: 5, in: 1...50)
        guard try await archive.article(id: id) != nil else { throw Problem(.notFound, "no article \(id)") }
        let related = try await caches.related(id, limit: limit, archive: archive)
        return JSONResponse.make(APIJSON.list("articles", related.map(APIJSON.summary), limit: limit, offset: 0))
    }

    @Sendable func search(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let search = try RequestParameters(request, strict: true).searchRequest()
        let results = try await archive.search(search)
        return JSONResponse.make(APIJSON.search(results, limit: search.limit, offset: search.offset))
    }

    /// `GET /timeline?q=…[&q=…]&interval=day|week|month&share=true`, with search's filters.
    @Sendable func timeline(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let timeline = try await caches.timeline(
            queries: try parameters.queries(), filters: try parameters.filters(), interval: try parameters.interval(),
            share: try parameters.bool("share", default: false), archive: archive)
        return JSONResponse.make(TimelineJSON.value(timeline))
    }

    /// `GET /export?q=…&format=csv|jsonl[&fields=…][&limit=N]`, with search's filters: every match,
    /// streamed newest first as the client reads it. A search matching more than the server's export
    /// limit (and no `limit` under it) is refused with its count.
    @Sendable func export(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let text = parameters.query.last(where: { $0.0 == "q" })?.1 ?? ""
        guard text.unicodeScalars.count <= 1_000 else { throw Problem.invalid("q", "longer than 1,000 characters") }
        let format = try parameters.typed("format").map { name -> ArticleExport.Format in
            guard let format = ArticleExport.Format(rawValue: name) else { throw Problem.invalid("format", "expected csv or jsonl, got \(name)") }
            return format
        } ?? .jsonl
        let fields = try parameters.typed("fields").map { text -> [String] in
            guard text.unicodeScalars.count <= 1_000 else { throw Problem.invalid("fields", "longer than 1,000 characters") }
            return text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let exporter: ArticleExport
        do { exporter = try ArticleExport(format: format, fields: fields) } catch let error as ArchiveError { throw Problem.from(error) }
        let cap = configuration.exportLimit
        let asked = try parameters.int("limit", default: cap, in: 1...Self.largestLimit)
        let limit = min(asked, cap)
        let (query, filters) = (SearchQuery(text), try parameters.filters())
        let rows = try await archive.matchingRows(query, filters: filters)
        let total = rows.count
        // Rows are cut only where the client asked for the first `limit` of them.
        if total > limit, parameters.typed("limit") == nil || asked > cap {
            throw Problem(
                .unprocessableContent,
                "the search matches \(total) articles; this server exports at most \(cap) at once: narrow it (from, to, section, source) or ask for limit=\(cap)",
                kind: "export-too-large")
        }
        let archive = self.archive
        var headers = HTTPFields()
        headers[.contentType] = format == .csv ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"marsad-export.\(format.rawValue)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // Each batch waits for the client to take the one before: memory holds one batch.
            try await archive.export(rows: Array(rows.prefix(limit)), as: exporter) { lines in
                if !lines.isEmpty { try await writer.write(ByteBuffer(bytes: lines)) }
            }
            try await writer.finish(nil)
        })
    }

    /// The largest `limit` an export takes (its schema's maximum); the server's own limit applies below it.
    static let largestLimit = 1_000_000_000

    @Sendable func quotes(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let kind = try parameters.typed("kind").map { name -> Quote.Kind in
            guard let kind = Quote.Kind(rawValue: name) else { throw Problem.invalid("kind", "expected direct or indirect") }
            return kind
        }
        let limit = try parameters.int("limit", default: 50, in: 1...200)
        let offset = try parameters.int("offset", default: 0, in: 0...10_000)
        let csv = try parameters.typed("format").map { name -> Bool in
            guard name == "csv" || name == "json" else { throw Problem.invalid("format", "expected json or csv, got \(name)") }
            return name == "csv"
        } ?? false
        let quotes = try await archive.quotes(QuoteRequest(speaker: parameters.string("speaker"), kind: kind, limit: limit, offset: offset))
        if csv {
            // "Who said what" as a table: date, speaker, quote, cue, outlet and url.
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8; header=present"
            headers[.contentDisposition] = "attachment; filename=\"marsad-quotes.csv\""
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: QuoteExport.csv(quotes))))
        }
        return JSONResponse.make(APIJSON.list("quotes", quotes.map(APIJSON.quote), limit: limit, offset: offset))
    }

    @Sendable func entities(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let type = try parameters.typed("type").map { name -> Entity.Kind in
            if name == "place" { return .location }
            guard let kind = Entity.Kind(rawValue: name) else { throw Problem.invalid("type", "expected person, place (location) or organization") }
            return kind
        }
        let limit = try parameters.int("limit", default: 50, in: 1...200)
        let entities = try await archive.entities(EntityRequest(type: type, name: parameters.string("name"), limit: limit))
        return JSONResponse.make(APIJSON.list("entities", entities.map(APIJSON.entity), limit: limit, offset: 0))
    }

    @Sendable func entity(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        _ = RequestParameters(request, strict: true)
        let id = try Self.entityID(context)
        guard let entity = try await archive.entity(id: id) else { throw Problem(.notFound, "no entity \(id)") }
        return JSONResponse.make(APIJSON.entity(entity))
    }

    /// `POST /entities/ID/merge?other=ID2`: entity ID2 becomes ID. Writes, so it needs the ingest token.
    @Sendable func mergeEntity(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        try gate.checkAPI(request, context: context)
        let id = try Self.entityID(context)
        guard let text = RequestParameters(request, strict: true).string("other"), let other = Int64(text), other > 0 else {
            throw Problem.invalid("other", "expected the number of the entity to merge into \(id)")
        }
        return try await correct(.merge(other, into: id))
    }

    /// `POST /entities/ID/split?alias=NAME`: the name leaves entity ID. Needs the ingest token.
    @Sendable func splitEntity(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        try gate.checkAPI(request, context: context)
        let id = try Self.entityID(context)
        guard let alias = RequestParameters(request, strict: true).string("alias"), !alias.isEmpty else {
            throw Problem.invalid("alias", "expected the name to split off")
        }
        return try await correct(.split(id, alias: alias))
    }

    func correct(_ edit: EntityEdit) async throws -> Response {
        let changed = try await archive.correctEntity(edit)
        caches.invalidate()
        return JSONResponse.make(.object([("entities", .array(changed.map(APIJSON.entity)))]))
    }

    static func entityID(_ context: MarsadRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw Problem.invalid("id", "expected an entity number") }
        return id
    }

    @Sendable func stories(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let limit = try parameters.int("limit", default: 20, in: 1...100)
        let offset = try parameters.int("offset", default: 0, in: 0...10_000)
        let stories = try await archive.stories(limit: limit, offset: offset)
        return JSONResponse.make(APIJSON.list("stories", stories.map(APIJSON.story), limit: limit, offset: offset))
    }

    @Sendable func story(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw Problem.invalid("id", "expected a story number") }
        guard let story = try await archive.story(id: id) else { throw Problem(.notFound, "no story \(id)") }
        return JSONResponse.make(APIJSON.story(story))
    }

    @Sendable func sagas(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        let parameters = RequestParameters(request, strict: true)
        let limit = try parameters.int("limit", default: 20, in: 1...100)
        let offset = try parameters.int("offset", default: 0, in: 0...10_000)
        let sagas = try await archive.sagas(limit: limit, offset: offset)
        return JSONResponse.make(APIJSON.list("sagas", sagas.map(APIJSON.saga), limit: limit, offset: offset))
    }

    @Sendable func saga(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        _ = RequestParameters(request, strict: true)
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { throw Problem.invalid("id", "expected a saga number") }
        guard let saga = try await archive.saga(id: id) else { throw Problem(.notFound, "no saga \(id)") }
        guard case .object(let members) = APIJSON.saga(saga.summary) else { throw Problem(.notFound, "no saga \(id)") }
        return JSONResponse.make(.object(members + [("timeline", .array(saga.stories.map(APIJSON.story)))]))
    }

    /// The request body is the page itself; `source` names it (always under `upload:`, so that an
    /// upload never replaces a page that a file, URL or feed brought) and `format` forces a reader.
    /// Who may upload is decided from the headers before the body is read.
    @Sendable func upload(_ request: Request, context: MarsadRequestContext) async throws -> Response {
        try gate.checkAPI(request, context: context)
        let parameters = RequestParameters(request, strict: true)
        let format = try UploadBody.format(parameters.typed("format"))
        let bytes = try await UploadBody.collect(request, limit: configuration.maxUploadBytes)
        let source = try UploadBody.sourceName(parameters.string("source"), bytes: bytes)
        let page = try UploadBody.requireArticles(
            ingestor.extract(bytes, source: source, format: format, contentType: request.headers[.contentType]), name: source)
        let outcomes = try await ingestor.store(page, in: archive)
        caches.stored(in: archive)
        return JSONResponse.make(APIJSON.upload(page, outcomes: outcomes), status: .created)
    }
}

/// Article ids are 16 hex digits; anything else is a 404 without touching the store.
enum ArticleID {
    static func require(_ context: MarsadRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), isValid(id) else { throw Problem(.notFound, "no such article") }
        return id
    }

    static func isValid(_ id: String) -> Bool {
        id.utf8.count <= 64 && !id.isEmpty && id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
        }
    }
}

enum UploadBody {
    /// A forced reader, by its document-model name.
    static func format(_ name: String?) throws -> Page.Format? {
        guard let name else { return nil }
        guard let format = Page.Format(rawValue: name) else {
            throw Problem.invalid("format", "expected one of \(Page.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }

    /// The page, if anything was extracted; otherwise a 422 that says why.
    static func requireArticles(_ page: Page, name: String) throws -> Page {
        guard page.articles.isEmpty else { return page }
        let reasons = page.errors.map(\.description).joined(separator: "; ")
        throw Problem(.unprocessableContent, "no article found in \(name)" + (reasons.isEmpty ? "" : ": \(reasons)"), kind: "no-article")
    }

    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.contentTooLarge, "the page is \(length) bytes; this server takes at most \(limit)")
        }
        do {
            // An empty body is read like any page with no article in it (a 422 that says "empty input").
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem(.contentTooLarge, "the page is larger than this server takes (\(limit) bytes)")
        }
    }

    /// Every upload's source starts with this, and no other intake's does: a file path, a URL or a
    /// feed's source can never be replaced by an upload.
    static let sourcePrefix = "upload:"

    /// A given name is kept to a plain, printable, bounded string under ``sourcePrefix``; without
    /// one, the bytes name the page.
    static func sourceName(_ given: String?, bytes: [UInt8]) throws -> String {
        if let given {
            guard given.unicodeScalars.count <= 300, !given.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw Problem.invalid("source", "at most 300 printable characters")
            }
            return given.hasPrefix(sourcePrefix) ? given : sourcePrefix + given
        }
        var hash = FNV1a64()
        for byte in bytes { hash.add(byte: byte) }
        return sourcePrefix + String(hash.value, radix: 16)
    }
}
