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
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Run one round and exit (for cron and tests).") var once = false
    @Option(help: "Sources fetched at once.") var concurrency: Int = 4
    @Option(help: "Seconds to wait for a response.") var timeout: Int = 20
    @Option(help: "Largest page, in megabytes.") var maxMegabytes: Int = 32
    @Flag(help: "Skip analysis (quotes, entities, quantities, dates).") var noAnalysis = false
    @Option(help: "Summary format after each round: text or json.") var format: ListFormat = .text

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 64") }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be 1 to 600 seconds") }
    }

    func run() async throws {
        let archive = try await storeOptions.open(setup: .standard)
        var fetcherOptions = PoliteFetcher.Options()
        fetcherOptions.timeout = TimeInterval(timeout)
        fetcherOptions.maxBytes = maxMegabytes << 20
        let fetcher = PoliteFetcher(options: fetcherOptions)
        var options = WatchOptions()
        options.concurrency = concurrency
        let watcher = Watcher(
            store: archive, ingestor: Ingestor(setup: .standard, extractor: NewsExtractor(maxBytes: maxMegabytes << 20), analyzer: noAnalysis ? nil : .standard),
            fetcher: fetcher, options: options, log: { Output.warn($0) })
        let signals = StopSignals { watcher.stop() }
        defer { signals.cancel() }
        do {
            try await loop(watcher)
        } catch {
            await fetcher.shutdown()
            try? await archive.close()
            throw CLIError("watch: \(error)")
        }
        await fetcher.shutdown()
        try await archive.close()
    }

    private func loop(_ watcher: Watcher) async throws {
        while !watcher.isStopping {
            let report = try await watcher.round()
            switch format {
            case .json: Output.write(PageWriter.encode(report, pretty: false) + "\n")
            case .text: Output.warn(Self.summary(report))
            }
            if once { return }
            let due = try await watcher.nextDue() ?? Date().addingTimeInterval(60)
            // Sleep in short steps so that a signal is answered at once.
            while !watcher.isStopping, Date() < due { try await Task.sleep(nanoseconds: 500_000_000) }
        }
    }

    static func summary(_ report: WatchReport) -> String {
        "\(report.sources) sources (\(report.notModified) not modified, \(report.failedSources) failed): \(report.pagesFetched) pages, "
            + "\(report.articlesNew) new and \(report.articlesUpdated) updated articles, \(report.fromFeeds) from feeds, \(report.disallowed) disallowed by robots.txt"
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
