import Archive
import ArgumentParser
import Foundation
import NewsModel

/// `marsad search`: Arabic-aware search over the archive.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the archive.",
        discussion: """
            Query language: words, "phrases", prefix*, -exclusion and OR (a OR b). Words match whatever their
            harakat, hamza forms, clitics and suffixes: «المفاوضات» finds «ومفاوضاتٍ». Any text is a valid
            query. An empty query with filters lists the newest matching articles.
            """
    )

    @Argument(help: "The query.")
    var query: String = ""

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "Hits to show.") var limit: Int = 10
    @Option(help: "Hits to skip (for paging).") var offset: Int = 0
    @Option(help: "Order: relevance, recent (relevance discounted by age) or newest.") var order: OrderName = .relevance
    @Option(help: "Half-life in days for --order recent.") var halfLife: Double = 30
    @Option(help: "Output: text or json.") var format: SearchFormat = .text
    @Flag(help: "Skip facet counts (faster on very common words).") var noFacets = false

    enum OrderName: String, ExpressibleByArgument, CaseIterable { case relevance, recent, newest }
    enum SearchFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() async throws {
        let filters = try filterOptions.filters()
        let archive = try await storeOptions.open()
        defer { Task { try? await archive.close() } }
        let request = SearchRequest(
            query: SearchQuery(query),
            filters: filters,
            limit: limit, offset: offset,
            order: order == .relevance ? .relevance : order == .newest ? .newest : .recency(halfLifeDays: halfLife),
            facets: !noFacets)
        let results: SearchResults
        do {
            results = try await archive.search(request)
        } catch let error as ArchiveError {
            throw CLIError("\(error)")
        }
        switch format {
        case .json:
            Output.write(DocumentJSON.string(SearchJSON.value(results), pretty: true) + "\n")
        case .text:
            Output.write(SearchText.text(results, offset: offset))
        }
    }
}


/// The text form of `marsad search`.
enum SearchText {
    /// Highlights are bold on a terminal and bracketed otherwise (Arabic text has «» of its own).
    static func text(_ results: SearchResults, offset: Int, terminal: Bool = isatty(1) == 1) -> String {
        let (open, close) = terminal ? ("\u{1B}[1m", "\u{1B}[22m") : ("[", "]")
        var out = "\(results.total) hits\n"
        for (i, hit) in results.hits.enumerated() {
            let meta = [hit.source, hit.section, hit.published.map { String($0.prefix(10)) }].compactMap { $0 }.joined(separator: " · ")
            out += "\n\(offset + i + 1). \(hit.title)\n   \(meta) · \(hit.id)\n   \(hit.snippet.marked(open: open, close: close))\n"
        }
        let facets = SearchResults.facetNames.compactMap { name -> String? in
            guard let counts = results.facets[name], !counts.isEmpty else { return nil }
            return "\(name): " + counts.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")
        }
        if !facets.isEmpty { out += "\n" + facets.joined(separator: "\n") + "\n" }
        return out
    }
}
