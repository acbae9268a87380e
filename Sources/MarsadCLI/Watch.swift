import Archive
import ArgumentParser
import Dispatch
import Foundation
import Ingestion
import NewsAnalysis
import NewsExtraction

/// `marsad watch`: fetches the sources that are due, and the new articles they list, round after round.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow the archive's sources: fetch what is new, extract, analyze and store it.",
        discussion: """
            The crawler obeys robots.txt, sends one request per second to a host (more apart when the
            host's Crawl-delay asks), sends conditional requests, and backs off on 429 and 503. SIGINT or
            SIGTERM finishes the pages being fetched and stops.
            Against a PostgreSQL archive, watch schedules each due source as a fetch job for `marsad             worker`s (and a link job after them) instead of fetching it; several watchers may run, and             each source is still fetched once per round. --fetch-here fetches in this process instead.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Run one round and exit (for cron and tests).") var once = false
    @Option(help: "Sources fetched at once.") var concurrency: Int = 4
    @Option(help: "Seconds to wait for a response.") var timeout: Int = 20
    @Option(help: "Largest page, in megabytes.") var maxMegabytes: Int = 32
    @Flag(help: "Skip analysis (quotes, entities, quantities, dates).") var noAnalysis = false
    @Option(help: "Summary format after each round: text or json.") var format: ListFormat = .text
    @Flag(help: "Against PostgreSQL, fetch in this process instead of scheduling fetch jobs for workers.") var fetchHere = false

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 64") }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be 1 to 600 seconds") }
    }

    func run() async throws {
        let (archive, scheduler) = try await openArchive()
        var fetcherOptions = PoliteFetcher.Options()
        fetcherOptions.timeout = TimeInterval(timeout)
        fetcherOptions.maxBytes = maxMegabytes << 20
        var options = WatchOptions()
        options.concurrency = concurrency
        let loop = WatchLoop(
            archive: archive, fetcher: fetcherOptions, options: options,
            ingestor: Ingestor(setup: .standard, extractor: NewsExtractor(maxBytes: maxMegabytes << 20), analyzer: noAnalysis ? nil : .standard),
            scheduler: scheduler, log: { Output.warn($0) })
        let signals = StopSignals { loop.stop() }
        defer { signals.cancel() }
        do {
            try await loop.run(once: once) { report in
                switch format {
                case .json: Output.write(PageWriter.encode(report, pretty: false) + "\n")
                case .text: Output.warn(Self.summary(report))
                }
            }
        } catch {
            try? await archive.close()
            throw CLIError("watch: \(error)")
        }
        try await archive.close()
    }

    /// The archive, and against PostgreSQL (unless --fetch-here) the scheduler of its fetch jobs.
    func openArchive() async throws -> (any ArchiveStore, WatchScheduler?) {
        guard storeOptions.isPostgres, !fetchHere else { return (try await storeOptions.open(setup: .standard), nil) }
        let (archive, queue) = try await storeOptions.openQueue()
        return (archive, WatchScheduler(store: archive, queue: queue))
    }

    static func summary(_ report: WatchReport) -> String {
        if report.due > 0 {
            return "\(report.due) sources due, \(report.scheduled) fetch jobs added (the others are queued already); "
                + "\(report.alertsDelivered) alert matches delivered"
        }
        return "\(report.sources) sources (\(report.notModified) not modified, \(report.failedSources) failed): \(report.pagesFetched) pages, "
            + "\(report.articlesNew) new and \(report.articlesUpdated) updated articles, \(report.fromFeeds) from feeds, \(report.disallowed) disallowed by robots.txt; "
            + "\(report.alertsDelivered) alert matches delivered"
    }
}

/// Rounds of the watcher until it is stopped: `marsad watch`, and `marsad serve --watch` beside the
/// server.
final class WatchLoop: Sendable {
    let watcher: Watcher
    let fetcher: PoliteFetcher
    let alerts: AlertDispatcher
    /// Against a cluster archive: rounds schedule fetch jobs instead of fetching.
    let scheduler: WatchScheduler?

    init(
        archive: any ArchiveStore, fetcher options: PoliteFetcher.Options = PoliteFetcher.Options(), options watchOptions: WatchOptions = WatchOptions(),
        ingestor: Ingestor = Ingestor(setup: .standard), scheduler: WatchScheduler? = nil, log: @escaping @Sendable (String) -> Void
    ) {
        self.scheduler = scheduler
        fetcher = PoliteFetcher(options: options)
        watcher = Watcher(store: archive, ingestor: ingestor, fetcher: fetcher, options: watchOptions, log: log)
        alerts = AlertDispatcher(store: archive)
        self.log = log
    }

    let log: @Sendable (String) -> Void

    /// Finishes the pages being fetched and ends the loop.
    func stop() { watcher.stop() }

    /// Runs rounds, each followed by the alerts' deliveries, telling `report` after each, and sleeps
    /// until the next source is due. The connections are closed at the end.
    func run(once: Bool, report: (WatchReport) -> Void) async throws {
        do {
            while !watcher.isStopping {
                var round: WatchReport
                if let scheduler { round = try await scheduler.round() } else { round = try await watcher.round() }
                let delivered = try await alerts.run()
                round.alertsDelivered = delivered.delivered
                round.errors += delivered.errors
                for error in delivered.errors { log(error) }
                report(round)
                if once { break }
                var due = try await watcher.nextDue() ?? Date().addingTimeInterval(60)
                // Scheduled sources stay due until a worker fetches them.
                if scheduler != nil { due = max(due, Date().addingTimeInterval(WatchScheduler.busyPoll)) }
                // Short steps, so that a stop is answered at once.
                while !watcher.isStopping, Date() < due { try await Task.sleep(nanoseconds: 500_000_000) }
            }
        } catch {
            await fetcher.shutdown()
            await alerts.shutdown()
            throw error
        }
        await fetcher.shutdown()
        await alerts.shutdown()
    }
}

/// SIGINT and SIGTERM call `stop` instead of killing the process, so that pages being stored finish.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop() }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
