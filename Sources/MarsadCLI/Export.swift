import Archive
import ArgumentParser
import Foundation
import NewsModel

/// The search filters, as `marsad search`, `export` and `timeline` take them.
struct FilterOptions: ParsableArguments {
    @Option(help: "Only this section.") var section: String?
    @Option(help: "Only this source (the site's host, e.g. alarabiya.net).") var source: String?
    @Option(help: "Published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).") var from: String?
    @Option(help: "Published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).") var to: String?
    @Option(help: "Only articles that mention this entity.") var entity: String?
    @Option(help: "Only articles that quote this speaker.") var speaker: String?
    @Option(help: "Only this role: main, continuation or related.") var role: String?
    @Flag(help: "Count exact copies as articles of their own instead of folding them into their original.") var all = false

    func filters() throws -> SearchFilters {
        let role = try role.map { name -> Article.Role in
            guard let role = Article.Role(rawValue: name) else { throw ValidationError("--role must be main, continuation or related") }
            return role
        }
        return SearchFilters(section: section, source: source, from: from, to: to, entity: entity, speaker: speaker, role: role, includeCopies: all)
    }
}

/// `marsad export`: every article a search matches, as JSON Lines or CSV.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every article a search matches, as JSON Lines or CSV.",
        discussion: """
            Streams every match, not only a page of them, newest first (undated last). JSON Lines rows are the
            document model with the archive's source, page and story; CSV has one row per article (id,
            published, source, section, title, url, story, the most mentioned persons, places and
            organizations, and the body), in UTF-8 with a byte order mark, quoted as RFC 4180 says.
            An empty query with filters exports the filters' articles.
            """
    )

    @Argument(help: "The query (search's language).") var query: String = ""
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "Output: jsonl or csv.") var format: ExportFormatName = .jsonl
    @Option(help: "Comma-separated fields: CSV columns, or the JSON keys kept.") var fields: String?
    @Option(help: "Write at most this many articles.") var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() async throws {
        let archive = try await storeOptions.open()
        defer { Task { try? await archive.close() } }
        do {
            let export = try ArticleExport(format: format.format, fields: fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
            try await archive.export(SearchQuery(query), filters: try filterOptions.filters(), as: export, limit: limit) { Output.write($0) }
        } catch let error as ArchiveError {
            throw CLIError("\(error)")
        }
    }
}

enum ExportFormatName: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv
    var format: ArticleExport.Format { self == .csv ? .csv : .jsonl }
}

enum IntervalName: String, ExpressibleByArgument, CaseIterable {
    case day, week, month
    var interval: TimelineInterval { TimelineInterval(rawValue: rawValue) ?? .month }
}

/// `marsad timeline`: how many articles match per day, week or month, for one to four queries.
struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Count a search's articles per day, week or month; compare up to four queries.",
        discussion: """
            Each query's matches per period, over the same periods, with --share the fraction of the
            articles the same filters keep in each period (so that a growing archive does not look like a
            growing story). The interval is chosen from the span unless given.
            """
    )

    @Argument(help: "One to four queries.") var queries: [String]
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "day, week or month (default: from the span).") var interval: IntervalName?
    @Flag(help: "Also give each period's share of the filters' articles.") var share = false
    @Option(help: "Output: text, json or csv.") var format: TimelineFormat = .text

    enum TimelineFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func run() async throws {
        let archive = try await storeOptions.open()
        defer { Task { try? await archive.close() } }
        let timeline: Timeline
        do {
            timeline = try await archive.timeline(queries: queries, filters: try filterOptions.filters(), interval: interval?.interval, share: share)
        } catch let error as ArchiveError {
            throw CLIError("\(error)")
        }
        switch format {
        case .json: Output.write(DocumentJSON.string(TimelineJSON.value(timeline), pretty: true) + "\n")
        case .csv: Output.write(TimelineJSON.csv(timeline))
        case .text:
            for series in timeline.series {
                Output.write("\(series.query): \(series.total) articles\(series.undated > 0 ? " (\(series.undated) undated)" : "")\n")
                for point in series.points where point.count > 0 {
                    Output.write("  \(point.date)  \(point.count)\(point.share.map { String(format: "  %.4f", $0) } ?? "")\n")
                }
            }
        }
    }
}
