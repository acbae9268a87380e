import Archive
import NIOCore
import Synchronization

/// Related articles (a similarity query over the whole archive) and story timelines (a big story has
/// over a hundred articles) are the costly reads of an article page. They change only when pages are
/// stored, so they are kept until the next upload through this server; ingest by another process is
/// picked up after `lifetime`.
final class ServerCaches: Sendable {
    struct Entry: Sendable {
        var articles: [ArticleSummary]
        var limit: Int
        var created: ContinuousClock.Instant
    }

    static let capacity = 20_000
    static let lifetime: Duration = .seconds(300)
    private let related = Mutex<[String: Entry]>([:])
    private let stories = Mutex<[Int64: (detail: StoryDetail?, created: ContinuousClock.Instant)]>([:])
    private let pages = Mutex<[String: (body: ByteBuffer, created: ContinuousClock.Instant)]>([:])
    /// Rendered article pages kept at most: about 60 KB each, so a few tens of MB.
    static let pageCapacity = 1_000

    /// An article page as last rendered: it is built from the article, its related articles, its
    /// story and the next article, which change only as the caches above do. Nothing else on the
    /// page depends on the request.
    func page(_ id: String) -> ByteBuffer? {
        let now = ContinuousClock.now
        guard let entry = pages.withLock({ $0[id] }), now - entry.created < Self.lifetime else { return nil }
        return entry.body
    }

    func keepPage(_ id: String, _ body: ByteBuffer) {
        pages.withLock { cache in
            if cache.count >= Self.pageCapacity { cache.removeAll(keepingCapacity: true) }
            cache[id] = (body, ContinuousClock.now)
        }
    }

    func story(_ id: Int64, archive: any ArchiveStore) async throws -> StoryDetail? {
        let now = ContinuousClock.now
        if let entry = stories.withLock({ $0[id] }), now - entry.created < Self.lifetime { return entry.detail }
        let detail = try await archive.story(id: id)
        stories.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[id] = (detail, now)
        }
        return detail
    }

    func related(_ id: String, limit: Int, archive: any ArchiveStore) async throws -> [ArticleSummary] {
        let now = ContinuousClock.now
        if let entry = related.withLock({ $0[id] }), entry.limit >= limit, now - entry.created < Self.lifetime {
            return Array(entry.articles.prefix(limit))
        }
        let articles = try await archive.related(to: id, limit: limit)
        related.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[id] = Entry(articles: articles, limit: limit, created: now)
        }
        return articles
    }

    func invalidate() {
        related.withLock { $0.removeAll(keepingCapacity: true) }
        stories.withLock { $0.removeAll(keepingCapacity: true) }
        pages.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
