import Archive
import ArgumentParser
import Foundation
import NewsModel

enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `marsad quotes`: who said what, newest first.
struct Quotes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List quotes in the archive: who said what, over time.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Only this speaker, under any of the names of its entity.") var speaker: String?
    @Option(help: "Only direct or indirect quotes.") var kind: String?
    @Option(help: "Quotes to show.") var limit: Int = 50
    @Option(help: "Output: text, json or csv (date, speaker, quote, cue, outlet, url).") var format: QuoteFormat = .text

    enum QuoteFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func run() async throws {
        let archive = try await storeOptions.open()
        defer { Task { try? await archive.close() } }
        let kind = try kind.map { name -> Quote.Kind in
            guard let kind = Quote.Kind(rawValue: name) else { throw ValidationError("--kind must be direct or indirect") }
            return kind
        }
        let quotes = try await archive.quotes(QuoteRequest(speaker: speaker, kind: kind, limit: limit))
        switch format {
        case .json:
            Output.write(PageWriter.encode(quotes, pretty: true) + "\n")
        case .csv:
            Output.write(QuoteExport.csv(quotes))
        case .text:
            for quote in quotes {
                let day = quote.published.map { String($0.prefix(10)) } ?? "----------"
                let mark = quote.kind == .direct ? "«\(quote.text)»" : quote.text
                Output.write("\(day)  \(quote.speaker ?? "?"): \(mark)\n            — \(quote.title) [\(quote.source ?? "")]\n")
            }
        }
    }
}


/// `marsad stories`: clusters of articles about one event, across outlets and days.
struct Stories: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List stories: articles about the same event across outlets and days.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Show one story's timeline.") var id: Int64?
    @Option(help: "Stories to show (any number: the archive is read a page at a time).") var limit: Int = 20
    @Option(help: "Stories to skip first, to page through the list.") var offset: Int = 0
    @Option(help: "Output: text or json.") var format: ListFormat = .text

    func run() async throws {
        let archive = try await storeOptions.open()
        defer { Task { try? await archive.close() } }
        if let id {
            guard let story = try await archive.story(id: id) else { throw CLIError("no story \(id)") }
            switch format {
            case .json:
                Output.write(PageWriter.encode(StoryJSON(story), pretty: true) + "\n")
            case .text:
                Output.write("story \(story.summary.id): \(story.summary.title) (\(story.summary.articles) articles, \(story.summary.sources) sources)\n")
                for article in story.articles {
                    let closeness = story.similarity[article.id].map { String(format: "  %.2f", $0) + (story.isOutlier(article.id) ? " far from the story" : "") } ?? ""
                    Output.write("  \(article.published.map { String($0.prefix(16)) } ?? "")  \(article.title) [\(article.source ?? "")]\(closeness)\n")
                }
                for neighbour in story.neighbours { Output.write("  near: \(neighbour.id)  \(neighbour.title)\n") }
            }
            return
        }
        guard limit >= 0, offset >= 0 else { throw CLIError("--limit and --offset must be 0 or more") }
        // One more than asked, to tell whether the list goes on.
        var stories = [StorySummary]()
        while stories.count <= limit {
            let page = try await archive.stories(limit: min(StoryDetail.pageLimit, limit + 1 - stories.count), offset: offset + stories.count)
            stories += page
            if page.isEmpty || stories.count > limit { break }
        }
        let more = stories.count > limit
        stories = Array(stories.prefix(limit))
        defer { if more { Output.warn("more stories follow: --offset \(offset + stories.count)") } }
        switch format {
        case .json:
            Output.write(PageWriter.encode(stories, pretty: true) + "\n")
        case .text:
            for story in stories {
                let span = [story.first, story.last].compactMap { $0.map { String($0.prefix(10)) } }.joined(separator: " → ")
                Output.write("\(story.id)\t\(story.articles) articles, \(story.sources) sources\t\(span)\t\(story.title)\n")
            }
        }
    }

    /// `stories --id N --format json`: the story, its timeline, each article's closeness to the
    /// centroid (`outlier` when far), outlets by day and neighbouring stories.
    struct StoryJSON: Encodable {
        struct Closeness: Encodable {
            var id: String
            var similarity: Float
            var outlier: Bool
        }
        struct GridRow: Encodable {
            var outlet: String
            var counts: [Int]
        }
        struct Grid: Encodable {
            var days: [String]
            var outlets: [GridRow]
        }
        var summary: StorySummary
        var articles: [ArticleSummary]
        var copies: Int
        var similarity: [Closeness]
        var grid: Grid
        var neighbours: [StorySummary]

        init(_ story: StoryDetail) {
            summary = story.summary
            articles = story.articles
            copies = story.copies
            similarity = story.articles.compactMap { article in
                story.similarity[article.id].map { Closeness(id: article.id, similarity: $0, outlier: story.isOutlier(article.id)) }
            }
            let grid = story.grid
            self.grid = Grid(days: grid.days, outlets: grid.outlets.map { GridRow(outlet: $0.outlet, counts: $0.counts) })
            neighbours = story.neighbours
        }
    }
}

/// `marsad stats`: what the archive holds.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what the archive holds.")

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Output: text or json.") var format: ListFormat = .text

    func run() async throws {
        let archive = try await storeOptions.open()
        defer { Task { try? await archive.close() } }
        let stats = try await archive.stats()
        switch format {
        case .json:
            Output.write(PageWriter.encode(stats, pretty: true) + "\n")
        case .text:
            Output.write("""
                store:      \(stats.store)
                pages:      \(stats.pages)
                articles:   \(stats.articles) (\(stats.roles.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
                duplicates: \(stats.duplicates)
                stories:    \(stats.stories) (with two or more articles)\(stats.unlinked > 0 ? "; \(stats.unlinked) articles not linked yet (marsad link)" : "")
                quotes:     \(stats.quotes)
                entities:   \(stats.entities)
                sources:    \(stats.sources)
                published:  \(stats.earliest ?? "?") → \(stats.latest ?? "?")

                """)
        }
    }
}
