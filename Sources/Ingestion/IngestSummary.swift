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
    public var duplicates = 0
    public var seconds = 0.0

    public init() {}

    public var articlesPerSecond: Double { seconds > 0 ? Double(articles) / seconds : 0 }

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
        String(
            format: "%d inputs (%d failed): %d pages (%d new, %d updated, %d unchanged), %d articles, %d duplicates, in %.1f s (%.0f articles/s)",
            inputs, failedInputs, pages, inserted, updated, unchanged, articles, duplicates, seconds, articlesPerSecond)
    }
}
