import Archive
import ArgumentParser
import Foundation
import NewsAnalysis
import NewsExtraction
import NewsModel
import NIOCore
import Ingestion

/// `marsad ingest`: extract, analyze and store pages in the archive.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract, analyze and store pages in the archive.",
        discussion: """
            Inputs are files, directories (walked recursively) or http(s) URLs. JSON-lines files (.jsonl,
            .jsonl.gz, .ndjson) are streamed a few hundred records at a time, each record stored as its own
            page. Every page is stored in one transaction: stopping or killing ingest loses nothing that
            was committed, and running it again stores only what is new or changed.

            Pages are searchable as soon as they are stored. Linking them to their copies and stories is
            a stage of its own, which runs once everything is stored (--no-link leaves it to `marsad link`
            or a server); it resumes where it stopped.
            """
    )

    @Argument(help: "Files, directories or http(s) URLs.")
    var inputs: [String]

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Input format; auto detects it from the content.")
    var input: Extract.InputKind = .auto

    @Flag(help: "Skip analysis (quotes, entities, quantities, dates).")
    var noAnalysis = false

    @Flag(help: "Link exact copies only: no near copies, teasers or stories (for bulk loads; they are not computed later).")
    var noStories = false

    @Flag(help: "Store only: leave linking copies and stories to `marsad link` (or a server on this archive).")
    var noLink = false

    @Option(help: "Pages extracted at once (default: one per core).")
    var jobs: Int?

    @Option(help: "Pages per transaction: larger batches ingest faster; a page is never split.")
    var batch: Int = 200

    @Option(help: "Largest input to read, in megabytes.")
    var maxMegabytes: Int = 512

    @Option(help: "Seconds to wait for a URL's response.")
    var timeout: Int = 20

    @Option(help: "Summary format at the end: text or json.")
    var format: SummaryFormat = .text

    @Flag(help: "Do not print the progress line.")
    var quiet = false

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() async throws {
        let setup: IngestSetup = noStories ? .exactCopiesOnly : .standard
        let archive = try await storeOptions.open(setup: setup, deferLinking: true)
        var summary = IngestSummary()
        let progress = IngestProgress(enabled: !quiet && isatty(2) == 1)
        do {
            summary = try await IngestPipeline(
                ingestor: Ingestor(setup: setup, extractor: NewsExtractor(maxBytes: maxMegabytes << 20), analyzer: noAnalysis ? nil : .standard),
                format: input.format,
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                batch: batch,
                maxBytes: maxMegabytes << 20,
                fetcher: PageFetcher(maxRedirects: 5, timeout: .seconds(Int64(timeout))),
                warn: { Output.warn($0) }
            ).run(sources: try storeOptions.excludingStore(InputWalker.expand(inputs)), into: archive, progress: progress.update)
            if noLink {
                summary.unlinked = try await archive.stats().unlinked
            } else {
                try await summary.link(archive, progress: progress)
            }
        } catch {
            progress.clear()
            try? await archive.close()
            throw CLIError("\(error)")
        }
        progress.clear()
        try await archive.close()
        switch format {
        case .text: Output.warn(summary.text)
        case .json: Output.write(PageWriter.encode(summary, pretty: true) + "\n")
        }
        if summary.failedInputs > 0 { throw ExitCode(1) }
    }
}

/// The progress line on a terminal: pages, articles/s and, when the input size is known, an ETA.
final class IngestProgress: @unchecked Sendable {
    let enabled: Bool
    let start = Date()
    var last = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ summary: IngestSummary, fraction: Double?) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        let elapsed = Date().timeIntervalSince(start)
        var line = String(format: "%d pages, %d articles, %.0f articles/s", summary.pages, summary.articles, elapsed > 0 ? Double(summary.articles) / elapsed : 0)
        if let fraction, fraction > 0.001 {
            let eta = elapsed / fraction - elapsed
            line += String(format: ", %.0f%%, ETA %@", fraction * 100, Self.duration(eta))
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func update(linking: LinkProgress) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\u{1B}[Klinking: \(linking.linked) articles linked, \(linking.pending) to go".utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s % 3600 / 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}
