import ArabicText
import CLibXML2
public import Foundation

/// The links a watcher follows from an HTML page: the feeds it announces, its canonical URL, and the
/// links that look like articles of the same site.
///
/// ```swift
/// let links = PageLinks(html: bytes, base: "https://news.example/sport/")
/// links.feeds      // <link rel="alternate" type="application/rss+xml" href="…">, resolved
/// links.articles   // same-site links with a headline-long text or an article-like path
/// ```
public struct PageLinks: Sendable, Hashable {
    public var feeds: [String] = []
    public var canonical: String?
    public var articles: [String] = []

    /// Letters an anchor's text needs to read as a headline rather than a menu item.
    static let headlineLetters = 15
    /// Digits in a row that mark an article id in a path (`/news/2026/123456`).
    static let articleIDDigits = 5
    /// Path segments that name lists, not articles.
    static let listSegments: Set<String> = [
        "tag", "tags", "category", "categories", "author", "authors", "page", "search", "login", "signup", "account", "section",
        "topics", "topic", "archive", "feed", "rss", "contact", "about", "privacy", "terms",
    ]
    /// File endings that are not pages.
    static let assetEndings = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".css", ".js", ".pdf", ".mp4", ".mp3", ".xml", ".zip"]

    /// - Parameter html: the page as UTF-8.
    public init(html: [UInt8], base: String) {
        guard let baseURL = URL(string: base) else { return }
        var seen = Set<String>()
        html.withUnsafeBufferPointer { buffer in
            LibXML.withHTML(buffer) { doc, _ in
                guard let doc, let root = xmlDocGetRootElement(doc) else { return }
                Node.walk(root) { node in
                    guard Node.isElement(node), let name = node.pointee.name else { return true }
                    if Node.equalsIgnoringCase(name, "link") {
                        readLink(node, base: baseURL)
                    } else if Node.equalsIgnoringCase(name, "a"), let href = Self.resolve(Node.attribute(node, "href"), base: baseURL),
                        Self.isArticleLink(href, text: FeedNode.text(node), site: baseURL), seen.insert(href).inserted
                    {
                        articles.append(href)
                    }
                    return true
                }
            }
        }
    }

    private mutating func readLink(_ node: XMLNode, base: URL) {
        let rel = Node.attribute(node, "rel")
        guard let href = Self.resolve(Node.attribute(node, "href"), base: base) else { return }
        if Node.equalsIgnoringCase(rel, "canonical") {
            canonical = canonical ?? href
        } else if Node.equalsIgnoringCase(rel, "alternate") {
            let type = Node.attribute(node, "type")
            if Node.equalsIgnoringCase(type, "application/rss+xml") || Node.equalsIgnoringCase(type, "application/atom+xml"),
                !feeds.contains(href)
            {
                feeds.append(href)
            }
        }
    }

    /// An absolute http(s) URL without its fragment, or nil.
    static func resolve(_ href: UnsafePointer<xmlChar>?, base: URL) -> String? {
        guard let href, let raw = Node.string(href)?.trimmingASCIISpaces(), !raw.isEmpty,
            let url = URL(string: raw, relativeTo: base)?.absoluteURL,
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return nil }
        components.fragment = nil
        return components.url?.absoluteString
    }

    /// Same site (ignoring `www.`), not an asset or a list page, and either a headline-long text or
    /// an id-like number in the path.
    static func isArticleLink(_ href: String, text: String, site: URL) -> Bool {
        guard let url = URL(string: href), let host = url.host, let siteHost = site.host,
            sameSite(host, siteHost)
        else { return false }
        let path = url.path.lowercased()
        let segments = path.split(separator: "/").map(String.init)
        guard !segments.isEmpty, !assetEndings.contains(where: { path.hasSuffix($0) }),
            !segments.contains(where: { listSegments.contains($0) })
        else { return false }
        if text.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= headlineLetters { return true }
        var run = 0
        for scalar in path.unicodeScalars {
            run = ("0"..."9").contains(scalar) ? run + 1 : 0
            if run >= articleIDDigits { return true }
        }
        return false
    }

    static func sameSite(_ a: String, _ b: String) -> Bool {
        func bare(_ host: String) -> String {
            let lower = host.lowercased()
            return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
        }
        return bare(a) == bare(b)
    }
}
