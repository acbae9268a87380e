import Archive
import ArgumentParser
import Foundation
import Ingestion
import NewsAnalysis

/// `marsad link`: the linking stage on its own, for archives stored with `ingest --no-link` or whose
/// linking was stopped.
struct Link: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Link stored articles to their copies and stories.",
        discussion: """
            Links every article that is stored but not linked yet, oldest first, each against the articles
            stored before it: the same copies and stories as linking right after each page. It commits every
            few hundred articles; stopped or killed, it loses nothing and resumes where it stopped.
            PostgreSQL archives link as they store, so there is nothing to do there.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Link exact copies only: no near copies, teasers or stories.")
    var noStories = false

    @Option(help: "Articles linked per transaction.")
    var batch: Int = LinkProgress.batch

    @Option(help: ArgumentHelp("The least cosine between an article and a story's centroid that joins it (for evaluation).", visibility: .hidden))
    var storyCosine: Float?

    @Option(help: ArgumentHelp("The largest gap in days between an article and its story's mean day (for evaluation).", visibility: .hidden))
    var storyDays: Double?

    @Option(help: ArgumentHelp("The least cosine that joins when the article shares entities with the story (for evaluation).", visibility: .hidden))
    var storyEntityCosine: Float?

    @Flag(help: "Then split stories that drifted: originals far from their story's final centroid leave it (docs/archive.md).")
    var splitDrifted = false

    @Option(help: ArgumentHelp("The least cosine to its story's final centroid that keeps an original in it (for evaluation).", visibility: .hidden))
    var storySplit: Float?

    @Option(help: "Summary format at the end: text or json.")
    var format: Ingest.SummaryFormat = .text

    @Flag(help: "Do not print the progress line.")
    var quiet = false

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() async throws {
        var matcher = StoryMatcher()
        if let storyCosine { matcher.centroidCosine = storyCosine }
        if let storyDays { matcher.centroidWindow = storyDays * 86_400 }
        if let storyEntityCosine { matcher.centroidCosineWithSharedEntities = storyEntityCosine }
        let setup = noStories ? IngestSetup.exactCopiesOnly : IngestSetup(similarity: FingerprintSimilarity(stories: matcher))
        let archive = try await storeOptions.open(setup: setup, deferLinking: true)
        let progress = IngestProgress(enabled: !quiet && isatty(2) == 1)
        var summary = IngestSummary()
        do {
            var refiner = StoryRefiner()
            if let storySplit { refiner.splitCosine = storySplit }
            try await summary.link(archive, batch: batch, progress: progress, refiner: splitDrifted || storySplit != nil ? refiner : nil)
        } catch {
            progress.clear()
            try? await archive.close()
            throw CLIError("\(error)")
        }
        progress.clear()
        try await archive.close()
        switch format {
        case .text:
            Output.warn(String(
                format: "%d articles linked (%d copies, %d teasers adopted) in %.1f s", summary.linked, summary.duplicates,
                summary.adoptedTeasers, summary.linkSeconds))
        case .json:
            Output.write(PageWriter.encode(LinkReport(summary), pretty: true) + "\n")
        }
    }
}

/// `marsad link --format json`.
struct LinkReport: Codable {
    var linked: Int
    var copies: Int
    var adoptedTeasers: Int
    /// Originals that left stories they had drifted from (`--split-drifted`).
    var storiesSplit: Int
    var seconds: Double

    init(_ summary: IngestSummary) {
        linked = summary.linked
        copies = summary.duplicates
        adoptedTeasers = summary.adoptedTeasers
        storiesSplit = summary.storiesSplit
        seconds = summary.linkSeconds
    }
}

extension IngestSummary {
    /// Runs the linking stage on `archive` until nothing waits, showing its progress, and adds what
    /// it did and how long it took.
    /// With `refiner`, the stories that drifted are split after linking (off by default: see
    /// ``StoryRefiner``).
    mutating func link(_ archive: any ArchiveStore, batch: Int = LinkProgress.batch, progress: IngestProgress, refiner: StoryRefiner? = nil) async throws {
        let start = Date()
        let linked = try await archive.linkPending(batch: batch) { progress.update(linking: $0) }
        if let refiner { storiesSplit = try await archive.refineStories(using: refiner) }
        add(linking: linked, seconds: Date().timeIntervalSince(start))
        let resolving = Date()
        entities = try await archive.resolveEntities().entities
        entitySeconds = Date().timeIntervalSince(resolving)
        let building = Date()
        sagas = try await archive.buildSagas()
        sagaSeconds = Date().timeIntervalSince(building)
    }
}
