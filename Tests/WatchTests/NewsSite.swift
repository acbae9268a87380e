import Foundation
import TestSupport

/// A simulated news site on loopback: a home page that announces an RSS and an Atom feed, a news
/// sitemap, `robots.txt` with a disallowed path, validators and `304`s, a `429` with `Retry-After`, a
/// redirect chain, a slow page, an oversized page, a page that is gone and a feed with broken XML.
/// ``edition`` changes what the feeds list between rounds. Every request is logged. It answers from
/// its own threads (``ThreadedHTTPServer``).
final class NewsSite: @unchecked Sendable {
    struct Logged: Sendable {
        var path: String
        var time: Date
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var userAgent: String?
    }

    static let slowSeconds: Double = 8
    static let oversizedBytes = 2 << 20

    private let lock = NSLock()
    private var _log: [Logged] = []
    private var _edition = 1
    private var limitedOnce = false
    private var server: ThreadedHTTPServer?

    var log: [Logged] { lock.withLock { _log } }
    func setEdition(_ value: Int) { lock.withLock { _edition = value } }

    /// Starts serving; the site's links are absolute, under ``origin``.
    func start() throws { server = try ThreadedHTTPServer { self.answer($0) } }  // a cycle a test can afford: threads of a slow page may outlive the test
    func stop() { server?.stop() }
    var origin: String { server?.origin ?? "" }

    func answer(_ request: ThreadedHTTPServer.Request) -> ThreadedHTTPServer.Response {
        let path = String(request.path.prefix { $0 != "?" })
        lock.withLock {
            _log.append(Logged(
                path: path, time: Date(), ifNoneMatch: request.headers["if-none-match"], ifModifiedSince: request.headers["if-modified-since"],
                userAgent: request.headers["user-agent"]))
        }
        switch path {
        case "/robots.txt": return Self.text("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
        case "/": return Self.html(SitePages.home)
        case "/rss.xml":
            let edition = lock.withLock { _edition }
            return conditional(request, etag: "\"rss-\(edition)\"", type: "application/rss+xml", body: SitePages.rss(edition: edition))
        case "/atom.xml": return conditional(request, etag: "\"atom-1\"", type: "application/atom+xml", body: SitePages.atom)
        case "/news-sitemap.xml": return conditional(request, etag: "\"sitemap-1\"", type: "application/xml", body: SitePages.sitemap)
        case "/broken.xml": return .init(headers: [("Content-Type", "application/rss+xml")], body: Array("<rss><channel><item><title>x</ti".utf8))
        case "/hop/1": return .init(status: "302 Found", headers: [("Location", "/hop/2")])
        case "/hop/2": return .init(status: "301 Moved Permanently", headers: [("Location", "/news/1003")])
        default:
            if path.hasPrefix("/private/") { return Self.html(SitePages.article(id: "private", title: "صفحة محظورة على الزواحف")) }
            guard path.hasPrefix("/news/") else { return .init(status: "404 Not Found") }
            return article(String(path.dropFirst("/news/".count)), request: request)
        }
    }

    func article(_ id: String, request: ThreadedHTTPServer.Request) -> ThreadedHTTPServer.Response {
        switch id {
        case "slow":
            Thread.sleep(forTimeInterval: Self.slowSeconds)
            return Self.html(SitePages.article(id: id, title: "صفحة بطيئة جدا لا تصل في الوقت"))
        case "huge":
            return .init(headers: [("Content-Type", "text/html")], body: [UInt8](repeating: 0x61, count: Self.oversizedBytes))
        case "gone":
            return .init(status: "410 Gone", headers: [("Content-Type", "text/plain")], body: Array("gone".utf8))
        case "1006" where lock.withLock({ defer { limitedOnce = true }; return !limitedOnce }):
            return .init(status: "429 Too Many Requests", headers: [("Retry-After", "1")], body: Array("slow down".utf8))
        default:
            guard let page = SitePages.articles[id] else { return .init(status: "404 Not Found") }
            return conditional(request, etag: "\"a-\(id)\"", type: "text/html; charset=utf-8", body: page)
        }
    }

    /// A `304` when the request's `If-None-Match` is the page's ETag.
    func conditional(_ request: ThreadedHTTPServer.Request, etag: String, type: String, body: String) -> ThreadedHTTPServer.Response {
        if request.headers["if-none-match"] == etag { return .init(status: "304 Not Modified", headers: [("ETag", etag)]) }
        let text = body.replacingOccurrences(of: SitePages.base, with: origin)
        return .init(headers: [("Content-Type", type), ("ETag", etag)], body: Array(text.utf8))
    }

    static func html(_ text: String) -> ThreadedHTTPServer.Response { .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8)) }
    static func text(_ text: String) -> ThreadedHTTPServer.Response { .init(headers: [("Content-Type", "text/plain")], body: Array(text.utf8)) }
}
