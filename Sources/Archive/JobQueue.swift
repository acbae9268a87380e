import Foundation

/// The work queue of a cluster archive (PostgreSQL): inputs split into jobs that any number of
/// `marsad worker` processes, on any number of machines, claim and run (docs/deploy.md).
///
/// A claimed job holds a lease that its worker renews with heartbeats. A worker that dies (even with
/// `kill -9`) stops renewing; once the lease expires any worker may claim the job again, and the
/// page-level idempotency of ingest makes the second run store only what the first did not commit.
/// A job that fails `maxAttempts` times (or whose lease expires that often) is `failed` and waits,
/// with its last error, for ``retryJob(_:)``.
public protocol JobQueue: Sendable {
    /// Adds jobs; one already waiting or running for the same input (and range) is not added twice.
    /// Returns how many were added.
    func enqueue(_ jobs: [NewJob]) async throws -> Int
    /// Claims the oldest claimable job for `worker`, with a lease of `lease` seconds: a pending job, or
    /// a running one whose lease expired. A link job waits until no input or fetch job enqueued
    /// before it is pending or running. Nil when nothing can be claimed now.
    func claimJob(worker: String, lease: Double) async throws -> ClaimedJob?
    /// Renews the lease; false when the job is no longer this worker's (its lease expired and another
    /// worker took it), and the worker should abandon it.
    func heartbeat(_ job: ClaimedJob, lease: Double) async throws -> Bool
    /// Marks the job done, with the articles it stored.
    func completeJob(_ job: ClaimedJob, articles: Int) async throws
    /// Records a failure: the job waits for another attempt, or is `failed` after its last.
    func failJob(_ job: ClaimedJob, error: String) async throws
    /// Puts a failed job back in the queue with its attempts reset. Throws ``ArchiveError/notFound(_:)``
    /// for an unknown id and ``ArchiveError/conflict(_:)`` for a job that has not failed.
    func retryJob(_ id: Int64) async throws
    /// Counts by state, recent throughput, the oldest pending job and the failed ones.
    func jobStatus(failedLimit: Int) async throws -> JobStatus
}

/// What a job does.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    /// Ingest one input: a file, a URL, or a range of lines of a JSON-lines file.
    case input
    /// The linking stage after the inputs: copies, teasers and stories not yet linked, entity
    /// resolution and sagas.
    case link
    /// One watched source, if it is still due: its listing and the new articles it lists, as a round
    /// of `marsad watch` fetches it. Scheduled by watchers against a cluster archive.
    case fetch
}

/// A job's place in its life.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case pending, running, done, failed
}

/// A job to add.
public struct NewJob: Sendable, Hashable {
    public var kind: JobKind
    /// A file path (as workers will open it) or a URL; empty for a link job.
    public var target: String
    /// 1-based lines of a JSON-lines file; nil for the whole input.
    public var lines: Range<Int>?
    /// Attempts before the job is failed for good.
    public var maxAttempts: Int

    public init(kind: JobKind, target: String = "", lines: Range<Int>? = nil, maxAttempts: Int = NewJob.defaultAttempts) {
        self.kind = kind
        self.target = target
        self.lines = lines
        self.maxAttempts = maxAttempts
    }

    /// Three tries: a job that fails three times (a bad file, a server that refuses it) fails for
    /// good rather than blocking a worker forever; a worker killed once costs one.
    public static let defaultAttempts = 3
}

/// A job a worker holds.
public struct ClaimedJob: Sendable, Hashable {
    public var id: Int64
    public var kind: JobKind
    public var target: String
    public var lines: Range<Int>?
    /// This attempt's number, from 1.
    public var attempt: Int
    public var worker: String

    public init(id: Int64, kind: JobKind, target: String, lines: Range<Int>?, attempt: Int, worker: String) {
        (self.id, self.kind, self.target, self.lines, self.attempt, self.worker) = (id, kind, target, lines, attempt, worker)
    }
}

/// The queue at a glance (`marsad jobs`).
public struct JobStatus: Sendable, Codable, Hashable {
    /// Jobs in each state; every state is present.
    public var counts: [String: Int]
    /// Articles stored by jobs finished in the last ``JobStatus/window`` seconds, per second of that
    /// window's busy span (first start to last finish); nil when none finished.
    public var articlesPerSecond: Double?
    /// Seconds the oldest pending job has waited; nil when none waits.
    public var oldestPendingSeconds: Double?
    /// The failed jobs, newest first.
    public var failed: [FailedJob]

    public init(counts: [String: Int], articlesPerSecond: Double?, oldestPendingSeconds: Double?, failed: [FailedJob]) {
        self.counts = counts
        self.articlesPerSecond = articlesPerSecond
        self.oldestPendingSeconds = oldestPendingSeconds
        self.failed = failed
    }

    /// Throughput is measured over the last ten minutes: recent enough to show a stalled cluster.
    public static let window = 600.0
}

/// A failed job and why.
public struct FailedJob: Sendable, Codable, Hashable {
    public var id: Int64
    public var kind: String
    public var target: String
    public var firstLine: Int?
    public var lineCount: Int?
    public var attempts: Int
    public var error: String

    public init(id: Int64, kind: String, target: String, firstLine: Int?, lineCount: Int?, attempts: Int, error: String) {
        (self.id, self.kind, self.target, self.firstLine, self.lineCount, self.attempts, self.error) = (id, kind, target, firstLine, lineCount, attempts, error)
    }
}
