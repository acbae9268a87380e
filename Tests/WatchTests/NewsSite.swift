import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A simulated news site on loopback: a home page that announces an RSS and an Atom feed, a news
/// sitemap, `robots.txt` with a disallowed path, validators and `304`s, a `429` with `Retry-After`, a
/// redirect chain, a slow page, an oversized page, a page that is gone and a feed with broken XML.
/// ``edition`` changes what the feeds list between rounds. Every request is logged.
actor NewsSite {
    struct Logged: Sendable {
        var path: String
        var time: Date
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var userAgent: String?
    }

    private(set) var log: [Logged] = []
    /// 1 for the first edition; 2 adds an article to the RSS feed.
    var edition = 1
    private var limitedOnce = false

    func setEdition(_ value: Int) { edition = value }

    /// The live server's `http://127.0.0.1:port`, which absolute links in feeds and sitemaps need.
    var origin = ""
    func setOrigin(_ value: String) { origin = value }
    func expand(_ text: String) -> String { text.replacingOccurrences(of: SitePages.base, with: origin) }

    func record(_ request: Request) {
        log.append(Logged(
            path: request.uri.path, time: Date(), ifNoneMatch: request.headers[.ifNoneMatch], ifModifiedSince: request.headers[.ifModifiedSince],
            userAgent: request.headers[.userAgent]))
    }

    /// The first request for the rate-limited article gets a `429`; later ones the page.
    func takeLimited() -> Bool {
        defer { limitedOnce = true }
        return !limitedOnce
    }

    static let slowSeconds: UInt64 = 8
    static let oversizedBytes = 2 << 20

    static func router(_ site: NewsSite) -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(LogMiddleware(site: site))
        router.get("robots.txt") { _, _ in text("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n") }
        router.get("/") { _, _ in html(SitePages.home) }
        router.get("rss.xml") { request, _ in
            let edition = await site.edition
            return conditional(request, etag: "\"rss-\(edition)\"", type: "application/rss+xml", body: await site.expand(SitePages.rss(edition: edition)))
        }
        router.get("atom.xml") { request, _ in conditional(request, etag: "\"atom-1\"", type: "application/atom+xml", body: await site.expand(SitePages.atom)) }
        router.get("news-sitemap.xml") { request, _ in conditional(request, etag: "\"sitemap-1\"", type: "application/xml", body: await site.expand(SitePages.sitemap)) }
        router.get("broken.xml") { _, _ in Response(status: .ok, headers: [.contentType: "application/rss+xml"], body: body("<rss><channel><item><title>x</ti")) }
        router.get("news/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await article(id, request: request, site: site)
        }
        router.get("hop/1") { _, _ in Response(status: .found, headers: [.location: "/hop/2"]) }
        router.get("hop/2") { _, _ in Response(status: .movedPermanently, headers: [.location: "/news/1003"]) }
        router.get("private/:id") { _, _ in html(SitePages.article(id: "private", title: "صفحة محظورة على الزواحف")) }
        return router
    }

    static func article(_ id: String, request: Request, site: NewsSite) async -> Response {
        switch id {
        case "slow":
            try? await Task.sleep(nanoseconds: slowSeconds * 1_000_000_000)
            return html(SitePages.article(id: id, title: "صفحة بطيئة جدا لا تصل في الوقت"))
        case "huge":
            return Response(status: .ok, headers: [.contentType: "text/html"], body: body(String(repeating: "ا", count: oversizedBytes)))
        case "gone":
            return Response(status: .gone, headers: [.contentType: "text/plain"], body: body("gone"))
        case "1006" where await site.takeLimited():
            return Response(status: .tooManyRequests, headers: [.retryAfter: "1"], body: body("slow down"))
        default:
            guard let page = SitePages.articles[id] else { return Response(status: .notFound) }
            return conditional(request, etag: "\"a-\(id)\"", type: "text/html; charset=utf-8", body: page)
        }
    }

    static func conditional(_ request: Request, etag: String, type: String, body text: String) -> Response {
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
        return Response(status: .ok, headers: [.contentType: type, .eTag: etag], body: body(text))
    }

    static func html(_ text: String) -> Response { Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: body(text)) }
    static func text(_ text: String) -> Response { Response(status: .ok, headers: [.contentType: "text/plain"], body: body(text)) }
    static func body(_ text: String) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(string: text)) }
}

struct LogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let site: NewsSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        await site.record(request)
        return try await next(request, context)
    }
}
