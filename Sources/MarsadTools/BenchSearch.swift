import Archive
import ArgumentParser
import Foundation
import MarsadCLI

extension MarsadTools.Bench {
    /// `marsad bench search`: query latency and the hits of each query, for the peer comparison.
    ///
    /// Reads JSON lines `{"query": "…", "section"?: "…", "from"?: "…", "to"?: "…"}` and runs each query
    /// in-process against the archive, `--repeat` times; the best run of each query is its latency
    /// (the others warm caches). Prints one JSON line per query (its latency and the URLs and ids of
    /// its top hits) and a summary line, so a script can score retrieval and compare latency.
    struct SearchLatency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Latency (p50, p99) and top hits of a query set against an archive."
        )

        @Option(help: "The query set: JSON lines with query and optional section, from, to.")
        var queries: String

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Runs of each query; the fastest counts.")
        var runs: Int = 3

        @Option(help: "Hits per query.")
        var limit: Int = 10

        @Flag(help: "Compute facet counts too, as the API does.")
        var facets = false

        @Flag(help: "Print only the summary.")
        var summaryOnly = false

        @Flag(help: "Measure each query's timeline (GET /api/v1/timeline) instead of its search.")
        var timeline = false

        @Flag(help: "With --timeline, shares too; the baseline is kept between queries, as the server keeps it.")
        var share = false

        struct QueryLine: Decodable {
            var query: String
            var section: String?
            var from: String?
            var to: String?
            var id: String?
        }

        func run() async throws {
            let archive = try await storeOptions.open()
            defer { Task { try? await archive.close() } }
            guard let data = FileManager.default.contents(atPath: queries) else { throw CLIError("cannot read \(queries)") }
            var lines = [QueryLine]()
            for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where !line.isEmpty {
                do {
                    lines.append(try JSONDecoder().decode(QueryLine.self, from: Data(line.utf8)))
                } catch {
                    throw CLIError("\(queries): line \(number + 1): not a query object")
                }
            }
            var latencies = [Double]()
            let baselines = BaselineMemo()
            for line in lines {
                let request = SearchRequest(
                    query: SearchQuery(line.query), filters: SearchFilters(section: line.section, from: line.from, to: line.to),
                    limit: limit, facets: facets)
                var best = Double.infinity
                var results = SearchResults(total: 0, hits: [], facets: [:])
                for _ in 0..<max(1, runs) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    if timeline {
                        let drawn = try await archive.timeline(queries: [line.query], filters: request.filters, share: share) { filters in
                            try await baselines.counts(filters) { try await archive.dayCounts(SearchQuery(""), filters: $0) }
                        }
                        results = SearchResults(total: drawn.series.first?.total ?? 0, hits: [], facets: [:])
                    } else {
                        results = try await archive.search(request)
                    }
                    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                latencies.append(best)
                if !summaryOnly {
                    let object: [String: Any] = [
                        "id": line.id ?? "", "query": line.query, "ms": best, "total": results.total,
                        "urls": results.hits.map { $0.url ?? "" }, "ids": results.hits.map(\.id),
                    ]
                    Output.write(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]), as: UTF8.self) + "\n")
                }
            }
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
            }
            let summary: [String: Any] = [
                "summary": true, "engine": timeline ? (share ? "marsad-timeline-share" : "marsad-timeline") : "marsad", "queries": sorted.count, "facets": facets,
                "p50_ms": percentile(0.5), "p90_ms": percentile(0.9), "p99_ms": percentile(0.99), "max_ms": sorted.last ?? 0,
            ]
            Output.write(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self) + "\n")
        }
    }
}

/// The filters' day counts once per filters, as the server's cache keeps them.
actor BaselineMemo {
    private var known = [SearchFilters: DayCounts]()

    func counts(_ filters: SearchFilters, _ make: @Sendable (SearchFilters) async throws -> DayCounts) async throws -> DayCounts {
        if let counts = known[filters] { return counts }
        let counts = try await make(filters)
        known[filters] = counts
        return counts
    }
}
