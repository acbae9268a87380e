import Archive
import Synchronization

/// Related articles are the one costly read of an article page (a similarity query over the whole
/// archive). They change only when pages are stored, so they are kept per article until the next
/// upload through this server. Ingest by another process is picked up after `lifetime` seconds.
final class ServerCaches: Sendable {
    struct Entry: Sendable {
        var articles: [ArticleSummary]
        var limit: Int
        var created: ContinuousClock.Instant
    }

    static let capacity = 20_000
    static let lifetime: Duration = .seconds(300)
    private let related = Mutex<[String: Entry]>([:])

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
    }
}
