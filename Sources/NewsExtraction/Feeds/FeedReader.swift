import CLibXML2
public import NewsModel

/// Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed: every item becomes an article with role `main`.
///
/// ```swift
/// let (format, output) = FeedReader().read(xml: Array(feed.utf8))
/// ```
///
/// | article field | RSS 2.0 / RDF | Atom |
/// |---|---|---|
/// | title | `title` | `title` (HTML stripped when `type="html"`) |
/// | url | `link`, else a permalink `guid` | `link rel="alternate"` (or no `rel`) |
/// | published | `pubDate` (RFC 822), `dc:date` | `published`, else `updated` |
/// | summary | `description`, HTML stripped | `summary` |
/// | paragraphs | `content:encoded` read like an HTML page's body; else `[summary]` | `content` (`html`, `xhtml` or text) |
/// | section | first `category` | first `category` (`label`, else `term`) |
/// | bylines | `author` ("mail (Name)" gives Name), `dc:creator` | `author/name` |
/// | media | `enclosure` / `media:content` of type video or audio | `link rel="enclosure"` |
///
/// The XML parser never substitutes entities and never loads a DTD or anything over the network, so
/// an external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) stays an unread reference and
/// nested entities cannot multiply. Malformed XML is read as far as libxml2 can recover it, with an
/// issue.
public struct FeedReader: Sendable {
    public let rules: ExtractionRules

    public init(rules: ExtractionRules = .standard) { self.rules = rules }

    public func read(xml: [UInt8]) -> (format: Page.Format, output: ReaderOutput) {
        let (format, items, issues) = items(xml: xml)
        return (format, ReaderOutput(articles: items.map(\.article), issues: issues))
    }

    /// The feed's items with what a watcher needs besides the article: whether the item carries the
    /// full text, and its date.
    public func items(xml: [UInt8]) -> (format: Page.Format, items: [FeedItem], issues: [Page.Issue]) {
        guard xml.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            return (.rss, [], [Page.Issue("feed is empty")])
        }
        return xml.withUnsafeBufferPointer { buffer in
            LibXML.withXML(buffer) { doc, report in read(document: doc, report: report) }
        }
    }

    private func read(document: xmlDocPtr?, report: LibXML.ParseReport) -> (format: Page.Format, items: [FeedItem], issues: [Page.Issue]) {
        var issues = [Page.Issue]()
        if !report.wellFormed {
            issues.append(Page.Issue("feed is not well-formed XML: \(report.message ?? "unknown error"); read what could be recovered", line: report.line))
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            issues.append(Page.Issue("no feed found"))
            return (.rss, [], issues)
        }
        let item = FeedItemReader(rules: rules)
        let rootName = FeedNode.localName(root)
        var articles = [FeedItem]()
        let format: Page.Format
        switch rootName {
        case "rss":
            format = .rss
            var containers = FeedNode.children(root, named: "channel")
            containers.append(root)  // RSS 0.9x variants put items beside the channel
            for container in containers {
                for node in FeedNode.children(container, named: "item") { articles.append(item.rss(node)) }
            }
        case "RDF":
            format = .rss
            for node in FeedNode.children(root, named: "item") { articles.append(item.rss(node)) }
        case "feed":
            format = .atom
            for node in FeedNode.children(root, named: "entry") { articles.append(item.atom(node)) }
        default:
            issues.append(Page.Issue("not an RSS or Atom feed (root element <\(rootName)>)"))
            return (.rss, [], issues)
        }
        if articles.isEmpty { issues.append(Page.Issue("feed has no items")) }
        return (format, articles, issues)
    }
}

/// One feed item: the article it describes, and what tells a watcher how to treat it.
public struct FeedItem: Sendable, Hashable {
    /// The item as an article: `url` points to its page.
    public var article: Article
    /// True when the item carries the article's text (`content:encoded`, Atom `content`), not only a
    /// summary: only then can it stand in for its page.
    public var hasFullText: Bool
    /// The item's last-changed date (Atom `updated`, else the publication date), ISO 8601.
    public var updated: String?

    public init(article: Article, hasFullText: Bool, updated: String?) {
        self.article = article
        self.hasFullText = hasFullText
        self.updated = updated
    }
}
