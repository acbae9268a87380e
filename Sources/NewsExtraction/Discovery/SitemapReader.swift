import ArabicText
import CLibXML2
public import NewsModel

/// Reads a sitemap (`<urlset>`), a news sitemap (`<news:news>` under each `<url>`) or a sitemap index
/// (`<sitemapindex>`), as the sitemaps.org protocol and Google's news extension define them.
///
/// The XML is parsed with the same safe options as feeds: no entity substitution, no DTD, no network.
public struct SitemapReader: Sendable {
    /// One `<url>` entry.
    public struct Entry: Sendable, Hashable {
        public var url: String
        /// `<lastmod>`, else the news publication date, ISO 8601.
        public var updated: String?
        /// `<news:title>`, for news sitemaps.
        public var title: String?
        /// True when the entry carries `<news:news>`.
        public var isNews: Bool
    }

    /// What a sitemap lists: article URLs, or (for an index) further sitemaps.
    public struct Contents: Sendable, Hashable {
        public var entries: [Entry] = []
        public var sitemaps: [String] = []
        public var issues: [Page.Issue] = []
        /// False when the root is neither `<urlset>` nor `<sitemapindex>`.
        public var isSitemap = true
    }

    public init() {}

    public func read(xml: [UInt8]) -> Contents {
        xml.withUnsafeBufferPointer { buffer in
            LibXML.withXML(buffer) { doc, report in
                var contents = Contents()
                if !report.wellFormed {
                    contents.issues.append(Page.Issue("sitemap is not well-formed XML: \(report.message ?? "unknown error")", line: report.line))
                }
                guard let doc, let root = xmlDocGetRootElement(doc) else {
                    contents.isSitemap = false
                    return contents
                }
                switch FeedNode.localName(root) {
                case "urlset":
                    contents.entries = FeedNode.children(root, named: "url").compactMap(entry)
                case "sitemapindex":
                    contents.sitemaps = FeedNode.children(root, named: "sitemap").compactMap { location($0) }
                default:
                    contents.isSitemap = false
                }
                return contents
            }
        }
    }

    private func location(_ node: XMLNode) -> String? {
        guard let loc = FeedNode.children(node, named: "loc").first else { return nil }
        let text = FeedNode.text(loc).trimmingASCIISpaces()
        return text.isEmpty ? nil : text
    }

    private func entry(_ node: XMLNode) -> Entry? {
        guard let url = location(node) else { return nil }
        var entry = Entry(url: url, updated: nil, title: nil, isNews: false)
        for child in FeedNode.children(node) {
            switch FeedNode.localName(child) {
            case "lastmod": entry.updated = Timestamp.iso(FeedNode.text(child)) ?? entry.updated
            case "news":
                entry.isNews = true
                for part in FeedNode.children(child) {
                    switch FeedNode.localName(part) {
                    case "publication_date": entry.updated = entry.updated ?? Timestamp.iso(FeedNode.text(part))
                    case "title": entry.title = FeedNode.text(part)
                    default: break
                    }
                }
            default: break
            }
        }
        return entry
    }
}
