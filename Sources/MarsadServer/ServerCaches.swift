import Archive
import NIOCore
import Synchronization

/// Related articles (a similarity query over the whole archive), story timelines (a big story has
/// over a hundred articles) and the rendered article pages built from them are the costly reads of
/// the site. They change only when pages are stored, so they are kept until the next upload through
/// this server; ingest by another process is picked up after `lifetime`.
final class ServerCaches: Sendable {
    static let lifetime: Duration = .seconds(300)

    /// How long after an upload the archive's entities and sagas are made again (nil: never here).
    let resolutionDelay: Duration?
    /// True while a resolution waits to start: uploads meanwhile join it.
    private let resolutionPending = Mutex(false)

    init(resolutionDelay: Duration? = nil) {
        self.resolutionDelay = resolutionDelay
    }

    /// After pages were stored: forgets the cached reads, and schedules one resolution of the
    /// archive's names and sagas ``resolutionDelay`` later. Its failure loses nothing (the names
    /// stay as they were until the next run) and is not the upload's.
    func stored(in archive: any ArchiveStore) {
        invalidate()
        guard let delay = resolutionDelay, resolutionPending.withLock({ pending in
            defer { pending = true }
            return !pending
        }) else { return }
        Task {
            try? await Task.sleep(for: delay)
            resolutionPending.withLock { $0 = false }
            _ = try? await archive.resolveEntities()
            _ = try? await archive.buildSagas()
            invalidate()
        }
    }

    private let related = ExpiringCache<String, (articles: [ArticleSummary], limit: Int)>(capacity: 20_000, lifetime: lifetime)
    private let stories = ExpiringCache<Int64, StoryDetail?>(capacity: 20_000, lifetime: lifetime)
    /// About 60 KB a page, so a few tens of MB at most.
    private let pages = ExpiringCache<String, ByteBuffer>(capacity: 1_000, lifetime: lifetime)

    /// An article page as last rendered: it is built from the article, its related articles, its
    /// story and the next article, which change only as the caches above do. Nothing else on the
    /// page depends on the request.
    func page(_ id: String) -> ByteBuffer? { pages[id] }

    func keepPage(_ id: String, _ body: ByteBuffer) { pages[id] = body }

    func story(_ id: Int64, archive: any ArchiveStore) async throws -> StoryDetail? {
        if let detail = stories[id] { return detail }
        let detail = try await archive.story(id: id)
        stories[id] = .some(detail)
        return detail
    }

    func related(_ id: String, limit: Int, archive: any ArchiveStore) async throws -> [ArticleSummary] {
        if let entry = related[id], entry.limit >= limit { return Array(entry.articles.prefix(limit)) }
        let articles = try await archive.related(to: id, limit: limit)
        related[id] = (articles, limit)
        return articles
    }

    /// The articles each set of filters keeps, per day: a timeline's shares divide by them, and with
    /// no query they are every article's row (a second over a million articles), not an index read.
    private let baselines = ExpiringCache<SearchFilters, DayCounts>(capacity: 1_000, lifetime: lifetime)

    func timeline(
        queries: [String], filters: SearchFilters, interval: TimelineInterval?, share: Bool, archive: any ArchiveStore
    ) async throws -> Timeline {
        try await archive.timeline(queries: queries, filters: filters, interval: interval, share: share) { filters in
            if let known = self.baselines[filters] { return known }
            let counts = try await archive.dayCounts(SearchQuery(""), filters: filters)
            self.baselines[filters] = counts
            return counts
        }
    }

    /// A result set's profile reads a sample of its articles' text; a search page asks for it again
    /// on every page of hits.
    private let profiles = ExpiringCache<SearchKey, ResultProfile>(capacity: 1_000, lifetime: lifetime)
    /// Articles per outlet under a set of filters, for the sources table's shares.
    private let outletTotals = ExpiringCache<SearchFilters, Int>(capacity: 5_000, lifetime: lifetime)

    struct SearchKey: Hashable, Sendable {
        var query: String
        var filters: SearchFilters
    }

    func profile(_ query: String, filters: SearchFilters, archive: any ArchiveStore) async throws -> ResultProfile {
        let key = SearchKey(query: query, filters: filters)
        if let known = profiles[key] { return known }
        let profile = try await archive.resultProfile(SearchQuery(query), filters: filters)
        profiles[key] = profile
        return profile
    }

    /// How many articles the filters keep (with no query): an outlet's output when they name it.
    func total(_ filters: SearchFilters, archive: any ArchiveStore) async throws -> Int {
        if let known = outletTotals[filters] { return known }
        let total = try await archive.search(SearchRequest(query: SearchQuery(""), filters: filters, limit: 0, facets: false)).total
        outletTotals[filters] = total
        return total
    }

    func invalidate() {
        profiles.removeAll()
        outletTotals.removeAll()
        baselines.removeAll()
        related.removeAll()
        stories.removeAll()
        pages.removeAll()
    }
}

/// A map whose entries are forgotten after `lifetime`, and all at once when it is full (these caches
/// refill from the archive, so a simple reset bounds memory without tracking use).
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: (value: Value, created: ContinuousClock.Instant)]>([:])
    let capacity: Int
    let lifetime: Duration

    init(capacity: Int, lifetime: Duration) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    subscript(key: Key) -> Value? {
        get {
            guard let entry = entries.withLock({ $0[key] }), ContinuousClock.now - entry.created < lifetime else { return nil }
            return entry.value
        }
        set {
            entries.withLock { entries in
                guard let newValue else { entries[key] = nil; return }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = (newValue, ContinuousClock.now)
            }
        }
    }

    func removeAll() { entries.withLock { $0.removeAll(keepingCapacity: true) } }
}
