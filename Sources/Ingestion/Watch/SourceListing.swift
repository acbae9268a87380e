public import Archive
import Foundation
public import NewsExtraction
public import NewsModel

/// An article URL that a source lists, with what the listing says of it.
public struct ListedArticle: Sendable {
    /// Canonical (``CanonicalURL``).
    public var url: String
    /// The feed item's `updated` or the sitemap's `lastmod`: a later date than last time means that
    /// the page changed.
    public var listedDate: String?
    /// The feed item, when a feed listed it: it fills the gaps that the page leaves, and stands in
    /// for the page when the page fails for good and the item has the full text.
    public var feedItem: FeedItem?
    /// The feed's format, when a feed listed it.
    public var feedFormat: Page.Format?
    /// The document (feed, sitemap, page) that listed it.
    public var listedBy: String
}

/// What one fetched document of a source gives: articles, and further documents to read (the feeds
/// that a home page announces, the sitemaps of an index).
struct SourceListing {
    var articles: [ListedArticle] = []
    var follow: [(url: String, kind: WatchedSource.Kind)] = []
    var issues: [String] = []
    /// What the document turned out to be.
    var kind: WatchedSource.Kind = .page

    /// Reads `page`, fetched from `document`, as `kind`; `.auto` decides from the content.
    static func read(_ page: FetchedPage, from document: String, as kind: WatchedSource.Kind) -> SourceListing {
        let text = TextDecoder.decode(page.body, contentType: page.contentType).utf8
        var listing: SourceListing
        switch kind == .auto ? sniff(text) : kind {
        case .feed: listing = feed(text)
        case .sitemap: listing = sitemap(text)
        case .page, .auto: listing = html(text, url: page.finalURL, followFeeds: kind == .auto)
        }
        for index in listing.articles.indices { listing.articles[index].listedBy = document }
        return listing
    }

    static func sniff(_ utf8: [UInt8]) -> WatchedSource.Kind {
        let head = String(decoding: utf8.prefix(2048), as: UTF8.self).lowercased()
        if head.contains("<urlset") || head.contains("<sitemapindex") { return .sitemap }
        switch FormatSniffer.detect(utf8) {
        case .rss, .atom: return .feed
        default: return .page
        }
    }

    static func feed(_ utf8: [UInt8]) -> SourceListing {
        var listing = SourceListing(kind: .feed)
        let (format, items, issues) = FeedReader().items(xml: utf8)
        listing.issues = issues.map(\.description)
        for item in items {
            guard let link = item.article.url, let url = CanonicalURL.canonical(link) else { continue }
            listing.articles.append(ListedArticle(url: url, listedDate: item.updated, feedItem: item, feedFormat: format, listedBy: ""))
        }
        return listing
    }

    static func sitemap(_ utf8: [UInt8]) -> SourceListing {
        var listing = SourceListing(kind: .sitemap)
        let contents = SitemapReader().read(xml: utf8)
        listing.issues = contents.issues.map(\.description)
        if !contents.isSitemap { listing.issues.append("not a sitemap") }
        listing.follow = contents.sitemaps.compactMap(CanonicalURL.canonical).map { ($0, .sitemap) }
        listing.articles = contents.entries.compactMap { entry in
            CanonicalURL.canonical(entry.url).map { ListedArticle(url: $0, listedDate: entry.updated, listedBy: "") }
        }
        return listing
    }

    /// A home page that announces feeds is read through them; any other page through its article links.
    static func html(_ utf8: [UInt8], url: String, followFeeds: Bool) -> SourceListing {
        var listing = SourceListing(kind: .page)
        let links = PageLinks(html: utf8, base: url)
        if followFeeds, !links.feeds.isEmpty {
            listing.follow = links.feeds.compactMap(CanonicalURL.canonical).map { ($0, .feed) }
            return listing
        }
        listing.articles = links.articles.compactMap(CanonicalURL.canonical).map { ListedArticle(url: $0, listedBy: "") }
        return listing
    }
}
