import Archive
import ArgumentParser
import Foundation
import Ingestion
import NewsAnalysis
import NewsExtraction
import NIOCore

/// Opens `--store` as a cluster archive with a work queue (PostgreSQL), or says why not.
extension StoreOptions {
    /// Workers store and leave linking to the link job, which links in a fixed order.
    func openQueue() async throws -> (any ArchiveStore, any JobQueue) {
        guard isPostgres else { throw CLIError("\(store): jobs need a PostgreSQL archive (--store postgres://…); a SQLite archive is ingested by `marsad ingest`") }
        let archive = try await open(deferLinking: true)
        guard let queue = archive as? any JobQueue else { throw CLIError("\(store): this archive has no work queue") }
        return (archive, queue)
    }
}

/// `marsad enqueue`: split inputs into jobs for `marsad worker`.
struct Enqueue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split inputs into jobs of a PostgreSQL archive's work queue, for `marsad worker`.",
        discussion: """
            A JSON-lines file becomes one job per --shard-lines lines; any other file, or a URL, one job. \
            A link job (copies, stories, entities and sagas) follows them. Paths are stored absolute: \
            every worker must see the files at the same path. Inputs already waiting or running in the \
            queue are not added again.
            """
    )

    @Argument(help: "Files, directories (walked recursively) or http(s) URLs.")
    var inputs: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Lines of a JSON-lines file per job.")
    var shardLines: Int = JobPlanner.defaultShardLines

    @Option(help: "Attempts before a job fails for good.")
    var attempts: Int = NewJob.defaultAttempts

    @Flag(help: "Add no link job after the inputs.")
    var noLink = false

    func validate() throws {
        guard shardLines > 0 else { throw ValidationError("--shard-lines must be 1 or more") }
        guard attempts > 0 else { throw ValidationError("--attempts must be 1 or more") }
    }

    func run() async throws {
        let jobs = try JobPlanner.plan(try InputWalker.expand(inputs), shardLines: shardLines, link: !noLink, maxAttempts: attempts)
        let (archive, queue) = try await storeOptions.openQueue()
        defer { Task { try? await archive.close() } }
        let added = try await queue.enqueue(jobs)
        Output.warn("\(added) jobs added (\(jobs.count - added) already queued)")
    }
}

/// `marsad worker`: run jobs from the queue.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run jobs from a PostgreSQL archive's work queue; any number may run on any number of machines.",
        discussion: """
            Each job runs through the same ingestion as `marsad ingest`. A job is held by a lease that \
            the worker renews; a worker that dies (even killed with -9) loses nothing: once its lease \
            expires another worker runs the job again, and pages already stored are not stored twice.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Pages extracted at once within a job (default: one per core).")
    var jobs: Int?

    @Option(help: "Pages per transaction.")
    var batch: Int = 200

    @Flag(help: "Stop when no job is pending or running, instead of waiting for more.")
    var untilIdle = false

    @Option(help: "Seconds a job's lease lasts; it is renewed every third of that.")
    var lease: Double = 60

    @Option(help: "Seconds between looks at an empty queue.")
    var poll: Double = 1

    @Flag(help: "Skip analysis (quotes, entities, quantities, dates).")
    var noAnalysis = false

    @Flag(help: "Print nothing but failures.")
    var quiet = false

    func validate() throws {
        guard lease >= 1, poll > 0, batch > 0 else { throw ValidationError("--lease must be 1 or more, --poll and --batch above 0") }
    }

    func run() async throws {
        let (archive, queue) = try await storeOptions.openQueue()
        let (jobs, batch, noAnalysis, quiet) = (self.jobs ?? ProcessInfo.processInfo.activeProcessorCount, self.batch, self.noAnalysis, self.quiet)
        let log: @Sendable (String) -> Void = { line in if !quiet || line.contains("failed") { Output.warn("worker: \(line)") } }
        // Fetch jobs run as `marsad watch` would fetch their source, with its politeness.
        let fetcher = PoliteFetcher(options: PoliteFetcher.Options())
        let watcher = Watcher(
            store: archive, ingestor: Ingestor(setup: .standard, extractor: NewsExtractor(), analyzer: noAnalysis ? nil : .standard),
            fetcher: fetcher, log: log)
        let worker = JobWorker(
            queue: queue, archive: archive, lease: lease, poll: poll, watcher: watcher,
            pipeline: { warn in
                IngestPipeline(
                    ingestor: Ingestor(setup: .standard, extractor: NewsExtractor(), analyzer: noAnalysis ? nil : .standard),
                    jobs: jobs, batch: batch, maxBytes: 512 << 20, fetcher: PageFetcher(maxRedirects: 5, timeout: .seconds(20)), warn: warn)
            },
            log: log)
        let report: JobWorker.Report
        do {
            report = try await worker.run(untilIdle: untilIdle)
        } catch {
            await fetcher.shutdown()
            try? await archive.close()
            throw CLIError("\(error)")
        }
        await fetcher.shutdown()
        try await archive.close()
        if !quiet { Output.warn("worker: \(report.done) jobs done, \(report.failed) failed, \(report.abandoned) abandoned, \(report.articles) articles") }
    }
}

/// `marsad jobs`: the queue at a glance, and `marsad jobs retry ID`.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a PostgreSQL archive's work queue: jobs by state, throughput, the oldest waiting and the failed ones.",
        subcommands: [Status.self, Retry.self],
        defaultSubcommand: Status.self
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Jobs by state, throughput, the oldest waiting job and the failed ones.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Failed jobs to list at most.") var failed: Int = 20
        @Option(help: "Output: text or json.") var format: ListFormat = .text

        func run() async throws {
            let (archive, queue) = try await storeOptions.openQueue()
            defer { Task { try? await archive.close() } }
            let status = try await queue.jobStatus(failedLimit: max(0, failed))
            switch format {
            case .json: Output.write(PageWriter.encode(status, pretty: true) + "\n")
            case .text: Output.write(Self.text(status))
            }
        }

        static func text(_ status: JobStatus) -> String {
            var lines = [JobState.allCases.map { "\($0.rawValue) \(status.counts[$0.rawValue] ?? 0)" }.joined(separator: ", ")]
            lines.append("throughput: " + (status.articlesPerSecond.map { String(format: "%.0f articles/s over the last %.0f minutes", $0, JobStatus.window / 60) } ?? "no job finished in the last \(Int(JobStatus.window / 60)) minutes"))
            if let oldest = status.oldestPendingSeconds { lines.append(String(format: "oldest pending: %.0f s", oldest)) }
            for job in status.failed {
                let range = job.firstLine.map { " lines \($0)–\($0 + (job.lineCount ?? 1) - 1)" } ?? ""
                lines.append("failed \(job.id) \(job.kind) \(job.target)\(range) after \(job.attempts) attempts: \(job.error)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a failed job back in the queue, its attempts reset.")

        @Argument(help: "The job's id (marsad jobs lists the failed ones).") var id: Int64
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let (archive, queue) = try await storeOptions.openQueue()
            defer { Task { try? await archive.close() } }
            do {
                try await queue.retryJob(id)
            } catch let error as ArchiveError {
                throw CLIError("\(error)")
            }
            Output.warn("job \(id) is pending again")
        }
    }
}
