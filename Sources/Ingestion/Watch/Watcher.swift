public import Archive
public import Foundation
import NewsExtraction
import NewsModel
import Synchronization

/// What one round did.
public struct WatchReport: Sendable, Codable {
    public var sources = 0
    public var notModified = 0
    public var failedSources = 0
    /// Article pages fetched, and the articles that they added or changed in the archive.
    public var pagesFetched = 0
    public var articlesNew = 0
    public var articlesUpdated = 0
    /// Article URLs that `robots.txt` disallows: never requested, never stored.
    public var disallowed = 0
    /// Feed items stored on their own because their pages failed for good.
    public var fromFeeds = 0
    /// Alert matches posted to their webhooks after the round (``AlertDispatcher``).
    public var alertsDelivered = 0
    /// The entities the archive's names were resolved into after a round that stored articles.
    public var entities = 0
    /// Against a cluster archive: the due sources, and the fetch jobs added for them (a source whose
    /// job is still waiting or running is not added again). Workers fetch; `sources` stays 0.
    public var due = 0
    public var scheduled = 0
    public var errors: [String] = []

    public init() {}

    mutating func add(_ other: WatchReport) {
        sources += other.sources
        notModified += other.notModified
        failedSources += other.failedSources
        pagesFetched += other.pagesFetched
        articlesNew += other.articlesNew
        articlesUpdated += other.articlesUpdated
        disallowed += other.disallowed
        fromFeeds += other.fromFeeds
        errors += other.errors
    }
}

/// Follows the archive's sources: fetches each source that is due, the new article URLs that it
/// lists, and stores their articles through the one ingestion layer (``Ingestor``).
///
/// Every source's state (last fetch, status, new articles, errors, next due time, validators) and
/// every article URL dealt with are kept in the archive, so a round after a restart (or `--once`
/// from cron) knows what it has seen.
public final class Watcher: Sendable {
    public let store: any ArchiveStore & WatchStateStore
    public let ingestor: Ingestor
    public let fetcher: PoliteFetcher
    public let options: WatchOptions
    let log: @Sendable (String) -> Void
    private let stopping = Atomic<Bool>(false)
    /// Article URLs taken by a source this round: two sources that list one article fetch it once.
    private let claimed = Mutex<Set<String>>([])

    public init(
        store: any ArchiveStore & WatchStateStore, ingestor: Ingestor, fetcher: PoliteFetcher, options: WatchOptions = WatchOptions(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.store = store
        self.ingestor = ingestor
        self.fetcher = fetcher
        self.options = options
        self.log = log
    }

    /// Finishes the pages being fetched, starts no new one, and ends the round.
    public func stop() { stopping.store(true, ordering: .relaxed) }
    public var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// Fetches every source that is due at `now`.
    public func round(now: Date = Date()) async throws -> WatchReport {
        let due = try await store.watchedSources().filter { (Timestamps.date($0.nextDue) ?? .distantPast) <= now }
        claimed.withLock { $0.removeAll() }
        var report = WatchReport()
        try await withThrowingTaskGroup(of: WatchReport.self) { group in
            var pending = due[...]
            func startNext() {
                guard !isStopping, let source = pending.popFirst() else { return }
                group.addTask { try await self.watch(source) }
            }
            for _ in 0..<max(1, options.concurrency) { startNext() }
            while let done = try await group.next() {
                report.add(done)
                startNext()
            }
        }
        // New names join their entities, and new stories their sagas, once a round has stored what
        // it fetched; a failure here
        // loses nothing (the next round resolves again) and does not fail the round.
        if report.articlesNew + report.articlesUpdated > 0 {
            do {
                report.entities = try await store.resolveEntities().entities
                _ = try await store.buildSagas()
            } catch {
                report.errors.append("entity resolution and sagas: \(error)")
            }
        }
        return report
    }

    /// True for the first source of the round to ask for `url`.
    func claim(_ url: String) -> Bool {
        claimed.withLock { $0.insert(url).inserted }
    }

    /// One source by URL, as a fetch job runs it: fetched only if it is still watched and due at
    /// `now`, so that a source scheduled twice (by two watchers, or again after its job ran) is
    /// fetched once per round. Nil when it was not fetched. Entities and sagas are left to the link
    /// job that follows the round's fetch jobs.
    public func watchIfDue(url: String, now: Date = Date()) async throws -> WatchReport? {
        guard let source = try await store.watchedSources().first(where: { $0.url == url }),
              (Timestamps.date(source.nextDue) ?? .distantPast) <= now else { return nil }
        return try await watch(source)
    }

    /// When the next source falls due, for the loop's sleep.
    public func nextDue() async throws -> Date? {
        try await store.watchedSources().compactMap { Timestamps.date($0.nextDue) }.min()
    }
}
