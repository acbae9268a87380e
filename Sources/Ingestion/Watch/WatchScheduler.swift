public import Archive
public import Foundation

/// What `marsad watch` does against a cluster archive: instead of fetching, it adds a fetch job
/// (``JobKind/fetch``) for each due source, and a link job after them, for `marsad worker`s to run.
///
/// Several schedulers may run at once. A source has at most one fetch job waiting or running (the
/// queue adds a job for the same target once), and a worker fetches a source only while it is due
/// (``Watcher/watchIfDue(url:now:)``), so each source is fetched once per round however many
/// schedulers saw it due.
public struct WatchScheduler: Sendable {
    public let store: any ArchiveStore
    public let queue: any JobQueue

    public init(store: any ArchiveStore, queue: any JobQueue) {
        self.store = store
        self.queue = queue
    }

    /// Schedules the sources due at `now`; the report's `due` and `scheduled` say how many.
    public func round(now: Date = Date()) async throws -> WatchReport {
        let due = try await store.watchedSources().filter { (Timestamps.date($0.nextDue) ?? .distantPast) <= now }
        var report = WatchReport()
        report.due = due.count
        report.scheduled = try await queue.enqueue(due.map { NewJob(kind: .fetch, target: $0.url) })
        // The link job waits for every fetch job before it; one already waiting serves this round too.
        if report.scheduled > 0 { _ = try await queue.enqueue([NewJob(kind: .link)]) }
        return report
    }

    /// Seconds between rounds while sources are due but their jobs have not run yet: the due times
    /// move only when workers fetch, and a round that finds the jobs queued adds nothing.
    public static let busyPoll: TimeInterval = 5
}
