import Archive
import Foundation
import NewsExtraction
import NewsModel

extension Watcher {
    struct ArticleResult {
        var entries: [KnownURL] = []
        var stored = 0
    }

    /// Fetches one article page and stores what it holds. A page that fails for good is replaced by
    /// its feed item when the item has the full text; a disallowed page is never requested.
    func fetchArticle(_ article: ListedArticle, known: KnownURL?, report: inout WatchReport) async throws -> ArticleResult {
        let now = Timestamps.iso(Date())
        var entry = KnownURL(
            url: article.url, source: article.listedBy, status: .stored, lastFetch: now, listedDate: article.listedDate,
            etag: known?.etag, lastModified: known?.lastModified, attempts: 1)
        do {
            switch try await fetcher.fetch(article.url, etag: known?.etag, lastModified: known?.lastModified) {
            case .disallowed:
                report.disallowed += 1
                entry.status = .disallowed
                return ArticleResult(entries: [entry])
            case .notModified:
                return ArticleResult(entries: [entry])
            case .fetched(let fetched):
                report.pagesFetched += 1
                return try await storePage(fetched, for: article, entry: entry, report: &report)
            }
        } catch let failure as FetchFailure {
            return try await failed(article, entry: entry, known: known, reason: failure.description, permanent: failure.permanent, report: &report)
        } catch let failure as UnreadablePage {
            return try await failed(article, entry: entry, known: known, reason: failure.description, permanent: false, report: &report)
        }
    }

    /// Extracts, completes from the feed, analyzes and stores the page; the page's own canonical URL
    /// is recorded too, so that a listing that gives that form does not fetch it again.
    private func storePage(_ fetched: FetchedPage, for article: ListedArticle, entry: KnownURL, report: inout WatchReport) async throws -> ArticleResult {
        let page = ingestor.extract(fetched.body, source: article.url, format: nil, contentType: fetched.contentType) { page in
            if let item = article.feedItem { Self.complete(&page, from: item) }
        }
        guard !page.articles.isEmpty else {
            throw UnreadablePage(description: page.errors.first.map { "no article could be read: \($0)" } ?? "no article could be read")
        }
        let outcomes = try await ingestor.store(page, in: store)
        var entry = entry
        entry.etag = fetched.etag
        entry.lastModified = fetched.lastModified
        var entries = [entry]
        for url in Set(page.articles.compactMap(\.url).compactMap(CanonicalURL.canonical)) where url != article.url {
            var alias = entry
            alias.url = url
            entries.append(alias)
        }
        return ArticleResult(entries: entries, stored: count(outcomes, into: &report))
    }

    /// A failed fetch: tried again on a later round until it has failed ``WatchOptions/maxAttempts``
    /// times or failed for good, then given up, with the feed's copy stored when it has the full text.
    private func failed(
        _ article: ListedArticle, entry: KnownURL, known: KnownURL?, reason: String, permanent: Bool, report: inout WatchReport
    ) async throws -> ArticleResult {
        var entry = entry
        entry.attempts = (known?.status == .failed ? known?.attempts ?? 0 : 0) + 1
        entry.lastError = reason
        report.errors.append("\(article.url): \(reason)")
        guard permanent || entry.attempts >= options.maxAttempts else {
            entry.status = .failed
            return ArticleResult(entries: [entry])
        }
        entry.status = .gone
        guard let item = article.feedItem, item.hasFullText else { return ArticleResult(entries: [entry]) }
        var fromFeed = item.article
        fromFeed.url = article.url
        let page = ingestor.analyzed(Page(source: article.url, format: article.feedFormat ?? .rss, encoding: "utf-8", articles: [fromFeed]))
        let outcomes = try await ingestor.store(page, in: store)
        report.fromFeeds += 1
        return ArticleResult(entries: [entry], stored: count(outcomes, into: &report))
    }

    private func count(_ outcomes: [IngestOutcome], into report: inout WatchReport) -> Int {
        var stored = 0
        for outcome in outcomes {
            switch outcome.status {
            case .inserted: report.articlesNew += outcome.articles; stored += outcome.articles
            case .updated: report.articlesUpdated += outcome.articles; stored += outcome.articles
            case .unchanged: break
            }
        }
        return stored
    }

    /// The feed item fills what the page leaves out: date, summary, author and section.
    static func complete(_ page: inout Page, from item: FeedItem) {
        guard let index = page.articles.firstIndex(where: { $0.role == .main }) else { return }
        var main = page.articles[index]
        main.published = main.published ?? item.article.published
        main.summary = main.summary ?? item.article.summary
        main.section = main.section ?? item.article.section
        if main.bylines.isEmpty { main.bylines = item.article.bylines }
        page.articles[index] = main
    }
}

/// A page that was fetched but held no article.
struct UnreadablePage: Error, CustomStringConvertible {
    var description: String
}
