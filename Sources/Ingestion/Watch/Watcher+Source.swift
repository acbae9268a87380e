import Archive
import Foundation
import NewsExtraction
import NewsModel

extension Watcher {
    /// One source: its documents, then its new articles, then its state.
    func watch(_ source: WatchedSource) async throws -> WatchReport {
        var source = source
        var report = WatchReport()
        report.sources = 1
        let started = Date()
        source.lastFetch = Timestamps.iso(started)
        do {
            let whole = try await store.retriesPending(listedBy: source.url, below: options.maxAttempts) > 0
            switch try await fetcher.fetch(source.url, etag: whole ? nil : source.etag, lastModified: whole ? nil : source.lastModified) {
            case .disallowed:
                throw FetchFailure(description: "robots.txt disallows the source", permanent: false)
            case .notModified:
                report.notModified = 1
                source.lastStatus = "not modified"
                source.lastNew = 0
            case .fetched(let page):
                source.etag = page.etag
                source.lastModified = page.lastModified
                let (listed, documents) = try await listing(of: page, source: source, report: &report)
                let stored = try await fetchArticles(listed, documents: documents, report: &report)
                source.lastStatus = "ok"
                source.lastNew = stored
                source.totalNew += stored
            }
            source.failures = 0
            source.lastError = nil
            source.nextDue = Timestamps.iso(options.nextDue(WatchedSourceTiming(everySeconds: source.everySeconds, failures: 0), now: started))
        } catch {
            failed(&source, error: error, started: started, report: &report)
        }
        // A source removed while it was being fetched stays removed: its state is not written back.
        if try await store.watchedSources().contains(where: { $0.url == source.url }) {
            try await store.saveSource(source)
        }
        return report
    }

    private func failed(_ source: inout WatchedSource, error: any Error, started: Date, report: inout WatchReport) {
        report.failedSources = 1
        report.errors.append("\(source.url): \(error)")
        log("\(source.url): \(error)")
        source.failures += 1
        source.lastStatus = "failed"
        source.lastError = "\(error)"
        source.lastNew = 0
        var due = options.nextDue(WatchedSourceTiming(everySeconds: source.everySeconds, failures: source.failures), now: started)
        if let retry = (error as? FetchFailure)?.retryAfter { due = max(due, retry) }
        source.nextDue = Timestamps.iso(due)
    }

    /// The article URLs that the source's document lists, following the feeds a home page announces
    /// and the sitemaps of an index (up to ``WatchOptions/maxFollowed``), each fetched conditionally
    /// unless URLs it listed wait for a retry. Returns the articles, and the followed documents with
    /// their new validators.
    func listing(of page: FetchedPage, source: WatchedSource, report: inout WatchReport) async throws -> ([ListedArticle], [KnownURL]) {
        var listing = SourceListing.read(page, from: source.url, as: source.kind)
        // A document that could not be read (broken XML with nothing recovered) fails the source, so
        // that it is reported and backs off, rather than passing as a quiet source.
        if listing.articles.isEmpty, listing.follow.isEmpty, let issue = listing.issues.first {
            throw FetchFailure(description: issue, permanent: false)
        }
        var articles = listing.articles
        var documents = [KnownURL]()
        for issue in listing.issues { report.errors.append("\(page.finalURL): \(issue)") }
        var queue = listing.follow[...]
        while let next = queue.popFirst(), documents.count < options.maxFollowed, !isStopping {
            let known = try await store.knownURLs([next.url])[next.url]
            let whole = try await store.retriesPending(listedBy: next.url, below: options.maxAttempts) > 0
            var entry = KnownURL(url: next.url, source: source.url, status: .stored, lastFetch: Timestamps.iso(Date()), etag: known?.etag, lastModified: known?.lastModified)
            do {
                switch try await fetcher.fetch(next.url, etag: whole ? nil : known?.etag, lastModified: whole ? nil : known?.lastModified) {
                case .fetched(let document):
                    (entry.etag, entry.lastModified) = (document.etag, document.lastModified)
                    listing = SourceListing.read(document, from: next.url, as: next.kind)
                    articles += listing.articles
                    queue += listing.follow
                    for issue in listing.issues { report.errors.append("\(next.url): \(issue)") }
                case .notModified: break
                case .disallowed: entry.status = .disallowed
                }
            } catch {
                (entry.status, entry.lastError) = (.failed, "\(error)")
                report.errors.append("\(next.url): \(error)")
            }
            documents.append(entry)
        }
        var seen = Set<String>()
        return (articles.filter { seen.insert($0.url).inserted }, documents)
    }

    /// Fetches the listed articles that are new or changed, and that no other source of this round
    /// has taken; returns how many articles it stored.
    func fetchArticles(_ listed: [ListedArticle], documents: [KnownURL], report: inout WatchReport) async throws -> Int {
        let known = try await store.knownURLs(listed.map(\.url))
        let due = listed.filter { needsFetch($0, known: known[$0.url]) && claim($0.url) }.prefix(options.maxArticlesPerSource)
        var entries = documents
        var stored = 0
        for article in due where !isStopping {
            let result = try await fetchArticle(article, known: known[article.url], report: &report)
            entries += result.entries
            stored += result.stored
        }
        try await store.saveKnownURLs(entries)
        return stored
    }

    /// A URL never seen, one the listing dates later than last time, one that failed and has
    /// tries left, or one that `robots.txt` disallowed longer ago than its rules are kept (the site
    /// may allow it now; asking costs no request while it does not).
    func needsFetch(_ article: ListedArticle, known: KnownURL?, now: Date = Date()) -> Bool {
        guard let known else { return true }
        switch known.status {
        case .failed: return known.attempts < options.maxAttempts
        case .disallowed:
            guard let checked = Timestamps.date(known.lastFetch) else { return true }
            return now.timeIntervalSince(checked) > RobotsCache.lifetime
        case .stored, .gone:
            guard let listed = article.listedDate, let before = known.listedDate else { return false }
            return ArchiveDates.sortKey(listed) ?? listed > ArchiveDates.sortKey(before) ?? before
        }
    }
}
