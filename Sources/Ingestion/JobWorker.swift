public import Archive
import Foundation

/// Runs the jobs of a cluster archive's queue (``JobQueue``) through the one ingestion layer: what
/// `marsad worker` does, on any number of machines at once.
///
/// A claimed job's lease is renewed every third of its length while the job runs. If a renewal
/// finds the job taken by another worker (this one stalled past its lease), the job is abandoned:
/// ingest is idempotent per page, so the other run stores whatever this one did not commit.
public struct JobWorker: Sendable {
    public let queue: any JobQueue
    public let archive: any ArchiveStore
    /// The pipeline for one job, given where its warnings go.
    public let pipeline: @Sendable (_ warn: @escaping @Sendable (String) -> Void) -> IngestPipeline
    /// This worker's name in the queue: host and process id.
    public let name: String
    /// Seconds of a lease.
    public var lease: Double
    /// Seconds between polls of an empty queue.
    public var poll: Double
    public let log: @Sendable (String) -> Void
    /// Runs fetch jobs; a worker without one fails them, naming why.
    public var watcher: Watcher?

    public init(
        queue: any JobQueue, archive: any ArchiveStore, name: String = JobWorker.defaultName, lease: Double = 60, poll: Double = 1,
        watcher: Watcher? = nil,
        pipeline: @escaping @Sendable (_ warn: @escaping @Sendable (String) -> Void) -> IngestPipeline, log: @escaping @Sendable (String) -> Void
    ) {
        (self.queue, self.archive, self.name, self.lease, self.poll, self.pipeline, self.log) = (queue, archive, name, lease, poll, pipeline, log)
        self.watcher = watcher
    }

    /// `host:pid`, unique among the workers of a cluster.
    public static var defaultName: String { "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)" }

    /// What a run did.
    public struct Report: Sendable, Codable, Hashable {
        public var done = 0, failed = 0, abandoned = 0, articles = 0
        public init() {}
    }

    /// Claims and runs jobs until cancelled or, with `untilIdle`, until no job is pending or running
    /// (a running job whose worker died is waited for until its lease expires, then run here).
    public func run(untilIdle: Bool) async throws -> Report {
        var report = Report()
        while !Task.isCancelled {
            guard let job = try await queue.claimJob(worker: name, lease: lease) else {
                if untilIdle, try await isIdle() { break }
                try await Task.sleep(nanoseconds: UInt64(poll * 1e9))
                continue
            }
            log("job \(job.id) (\(job.kind.rawValue) \(Self.describe(job))), attempt \(job.attempt)")
            switch await runHeld(job) {
            case .success(let articles):
                try await queue.completeJob(job, articles: articles)
                report.done += 1
                report.articles += articles
            case .failure(let error):
                log("job \(job.id) failed: \(error)")
                try await queue.failJob(job, error: "\(error)")
                report.failed += 1
            case nil:
                log("job \(job.id): its lease passed to another worker; abandoned")
                report.abandoned += 1
            }
        }
        return report
    }

    func isIdle() async throws -> Bool {
        let counts = try await queue.jobStatus(failedLimit: 0).counts
        return (counts[JobState.pending.rawValue] ?? 0) + (counts[JobState.running.rawValue] ?? 0) == 0
    }

    /// Runs `job` while renewing its lease; nil when the lease was lost.
    func runHeld(_ job: ClaimedJob) async -> Result<Int, any Error>? {
        let outcome = Outcome()
        let work = Task { outcome.set(await Result { try await execute(job) }) }
        var renewed = Date()
        while true {
            if let result = outcome.value { return result }
            try? await Task.sleep(nanoseconds: UInt64(Self.tick * 1e9))
            guard Date().timeIntervalSince(renewed) >= lease / 3 else { continue }
            do {
                guard try await queue.heartbeat(job, lease: lease) else {
                    work.cancel()
                    return nil
                }
                renewed = Date()
            } catch {
                // A missed renewal is not fatal: the lease still runs, and the next tick tries again.
                log("job \(job.id): renewing its lease failed: \(error)")
            }
        }
    }

    /// How often a running job's end is checked for.
    static let tick = 0.1

    /// Runs one job; returns the articles it stored (or linked).
    func execute(_ job: ClaimedJob) async throws -> Int {
        switch job.kind {
        case .input:
            let warnings = Warnings()
            let source = job.target.hasPrefix("http://") || job.target.hasPrefix("https://")
                ? PageSource(location: .url(job.target)) : PageSource(location: .file(job.target), lines: job.lines)
            let summary = try await pipeline { warnings.add($0); log($0) }.run(sources: [source], into: archive)
            if summary.failedInputs > 0 { throw IngestError(warnings.text.isEmpty ? "\(job.target): unreadable" : warnings.text) }
            return summary.articles
        case .fetch:
            guard let watcher else { throw IngestError("\(job.target): this worker has no watcher to fetch sources with") }
            // A source no longer due was fetched this round already (or removed): nothing to do.
            guard let report = try await watcher.watchIfDue(url: job.target) else { return 0 }
            // A failed source is not a failed job: its state records the error and backs off.
            for error in report.errors { log(error) }
            return report.articlesNew + report.articlesUpdated
        case .link:
            let linked = try await archive.linkPending()
            _ = try await archive.resolveEntities()
            _ = try await archive.buildSagas()
            return linked.linked
        }
    }

    static func describe(_ job: ClaimedJob) -> String {
        job.lines.map { "\(job.target) lines \($0.lowerBound)–\($0.upperBound - 1)" } ?? (job.target.isEmpty ? "the archive" : job.target)
    }

    /// A job's result, set once from its task.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<Int, any Error>?
        var value: Result<Int, any Error>? { lock.withLock { result } }
        func set(_ value: Result<Int, any Error>) { lock.withLock { result = value } }
    }

    /// The warnings of one job, kept as its error should the input fail.
    final class Warnings: @unchecked Sendable {
        private let lock = NSLock()
        private var lines = [String]()
        func add(_ line: String) { lock.withLock { if lines.count < 20 { lines.append(line) } } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
    }
}

/// Splits inputs into jobs (`marsad enqueue`): a JSON-lines file into shards of lines, any other file
/// or URL into one job each, and one link job after them.
public enum JobPlanner {
    /// Lines a shard of a JSON-lines file holds by default: a few seconds of work for one worker, so
    /// that a killed worker costs little and many workers share a big file.
    public static let defaultShardLines = 1000

    /// The jobs for `sources` (files with absolute paths, as every worker must open them alike).
    /// - Throws: an error naming the file when a JSON-lines file cannot be read to count its lines.
    public static func plan(_ sources: [PageSource], shardLines: Int = defaultShardLines, link: Bool = true, maxAttempts: Int = NewJob.defaultAttempts) throws -> [NewJob] {
        var jobs = [NewJob]()
        for source in sources {
            switch source.location {
            case .url(let url):
                jobs.append(NewJob(kind: .input, target: url, maxAttempts: maxAttempts))
            case .file(let path):
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                guard LineChunks.isJSONLines(path) else {
                    jobs.append(NewJob(kind: .input, target: absolute, maxAttempts: maxAttempts))
                    continue
                }
                let lines: Int
                do { lines = try LineChunks.count(path) } catch { throw IngestError("\(path): \(error)") }
                for first in stride(from: 1, through: max(1, lines), by: max(1, shardLines)) where lines > 0 {
                    jobs.append(NewJob(kind: .input, target: absolute, lines: first..<min(lines + 1, first + shardLines), maxAttempts: maxAttempts))
                }
            case .standardInput:
                throw IngestError("standard input cannot be enqueued: workers read their inputs themselves")
            }
        }
        if link && !jobs.isEmpty { jobs.append(NewJob(kind: .link, maxAttempts: maxAttempts)) }
        return jobs
    }
}
