public import Foundation

/// How hard the watcher works each round.
public struct WatchOptions: Sendable {
    /// Sources fetched at once (each source's pages are fetched one after another, and each host
    /// is spaced by the fetcher anyway).
    public var concurrency = 4
    /// New article URLs fetched per source per round: a new source whose sitemap lists 10,000 URLs
    /// is drained over rounds instead of holding one round for hours.
    public var maxArticlesPerSource = 200
    /// Fetches of one article URL before it is given up (and its feed copy stored when it has one).
    public var maxAttempts = 3
    /// Documents followed from one source in a round: the feeds a home page announces, the sitemaps
    /// of an index.
    public var maxFollowed = 10
    /// The longest that a failing source is left alone between two tries.
    public var maxBackoff: TimeInterval = 24 * 3600

    public init() {}

    /// When a source is next due: its period when healthy, doubling with each failure in a row.
    func nextDue(_ source: WatchedSourceTiming, now: Date) -> Date {
        guard source.failures > 0 else { return now.addingTimeInterval(TimeInterval(source.everySeconds)) }
        let backoff = TimeInterval(source.everySeconds) * pow(2, Double(min(source.failures, 20)))
        return now.addingTimeInterval(min(backoff, maxBackoff))
    }
}

/// What the backoff reads of a source.
struct WatchedSourceTiming {
    var everySeconds: Int
    var failures: Int
}
