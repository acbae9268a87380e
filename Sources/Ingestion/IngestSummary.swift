public import Archive
import Foundation

/// What an ingest run did.
public struct IngestSummary: Codable, Sendable {
    public var inputs = 0
    public var failedInputs = 0
    public var pages = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var articles = 0
    /// Copies found when storing and by the linking stage.
    public var duplicates = 0
    /// Seconds until every page was stored (and searchable).
    public var seconds = 0.0
    /// Articles the linking stage linked after the pages were stored, and the seconds it took; zero
    /// when the store linked as it stored, or linking was left for later.
    public var linked = 0
    public var adoptedTeasers = 0
    public var linkSeconds = 0.0
    /// Articles left for a later `marsad link`.
    public var unlinked = 0
    /// Originals that left a story they had drifted from (``StoryRefiner``), after linking.
    public var storiesSplit = 0
    /// Entities the archive's names were resolved into after linking, and the seconds it took.
    public var entities = 0
    public var entitySeconds = 0.0
    /// Sagas built from the stories after linking, and the seconds it took.
    public var sagas = 0
    public var sagaSeconds = 0.0

    public init() {}

    /// Articles stored (made searchable) per second.
    public var articlesPerSecond: Double { seconds > 0 ? Double(articles) / seconds : 0 }

    /// Adds what the linking stage did after the pages were stored.
    public mutating func add(linking progress: LinkProgress, seconds: Double) {
        linked += progress.linked
        duplicates += progress.copies
        adoptedTeasers += progress.adoptedTeasers
        unlinked = progress.pending
        linkSeconds += seconds
    }

    public mutating func add(_ outcome: IngestOutcome) {
        pages += 1
        articles += outcome.articles
        duplicates += outcome.duplicates
        switch outcome.status {
        case .inserted: inserted += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }

    /// One line for a terminal.
    public var text: String {
        var line = String(
            format: "%d inputs (%d failed): %d pages (%d new, %d updated, %d unchanged), %d articles, %d duplicates, stored in %.1f s (%.0f articles/s)",
            inputs, failedInputs, pages, inserted, updated, unchanged, articles, duplicates, seconds, articlesPerSecond)
        if linked > 0 { line += String(format: ", linked in %.1f s", linkSeconds) }
        if entities > 0 { line += String(format: ", %d entities resolved in %.1f s", entities, entitySeconds) }
        if sagas > 0 { line += String(format: ", %d sagas in %.1f s", sagas, sagaSeconds) }
        if unlinked > 0 { line += ", \(unlinked) articles left to link (marsad link)" }
        return line
    }
}
