import Archive
import Foundation
import Hummingbird
import NewsModel

/// The analyst's part of the search page: attention over time, what the result set holds, and the
/// links that take it away.
extension WebRoutes {
    func analysisValues(
        _ parameters: RequestParameters, queries: [String], search: SearchRequest, results: SearchResults, into values: inout Views.Values
    ) async throws {
        let filters = search.filters
        let base = parameters.query.filter { $0.0 != "offset" && !($0.0 == "q" && $0.1.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty) }
        try await timelineValues(parameters, queries: queries, filters: filters, base: base, into: &values)
        let exportBase = base.filter { !["interval", "share", "order", "limit", "facets"].contains($0.0) }.map { ($0.0, Optional($0.1)) }
        let first = exportBase.filter { $0.0 != "q" } + [("q", queries.first)]
        values["downloads"] = [
            ["label": "CSV", "href": "/api/v1/export" + Paths.query(first + [("format", "csv")])],
            ["label": "JSON Lines", "href": "/api/v1/export" + Paths.query(first + [("format", "jsonl")])],
        ] as [Views.Values]
        let sources = try await sourceRows(results, filters: filters, base: base)
        values["sourceTable"] = sources
        values["hasSources"] = !sources.isEmpty
        let profile = try await caches.profile(queries.first ?? "", filters: filters, archive: archive)
        values["sampled"] = Views.count(profile.sampled)
        let narrowed = base.filter { $0.0 != "q" }.map { ($0.0, Optional($0.1)) }
        values["terms"] = profile.terms.map { term -> Views.Values in
            ["label": term.label, "href": "/search" + Paths.query([("q", [queries.first ?? "", term.term].filter { !$0.isEmpty }.joined(separator: " "))] + narrowed),
             "count": Views.count(term.foreground), "background": String(format: "%.2f%%", Double(term.background) / Double(max(1, term.documents)) * 100)]
        }
        let kinds: [(Entity.Kind, String)] = [(.person, "أشخاص"), (.location, "أماكن"), (.organization, "منظمات")]
        values["entityTypes"] = kinds.compactMap { kind, label -> Views.Values? in
            guard let names = profile.entities[kind], !names.isEmpty else { return nil }
            let rest = base.filter { $0.0 != "entity" }.map { ($0.0, Optional($0.1)) }
            return ["label": label, "names": names.map { ["name": $0.value, "count": Views.count($0.count), "href": "/search" + Paths.query(rest + [("entity", $0.value)])] }]
        }
        values["hasTerms"] = !profile.terms.isEmpty
        values["hasProfile"] = !profile.terms.isEmpty || !profile.entities.isEmpty
    }

    /// The chart and its switches: interval (or from the span) and counts or shares.
    func timelineValues(
        _ parameters: RequestParameters, queries: [String], filters: SearchFilters, base: [(String, String)], into values: inout Views.Values
    ) async throws {
        var interval = try parameters.interval()
        let share = try parameters.bool("share", default: false)
        var timeline = try await caches.timeline(queries: queries, filters: filters, interval: interval, share: share, archive: archive)
        if (timeline.series.first?.points.count ?? 0) > TimelineChart.maxColumns {
            // Too many bars to see or click: the interval that fits the span instead.
            interval = nil
            timeline = try await caches.timeline(queries: queries, filters: filters, interval: nil, share: share, archive: archive)
        }
        let keep = base.filter { !["from", "to", "interval", "share"].contains($0.0) }.map { ($0.0, Optional($0.1)) }
        let chart = TimelineChart.svg(timeline, share: share) { point in
            "/search" + Paths.query(keep + [("from", point.date), ("to", point.last)] + [("share", share ? "true" : nil)])
        }
        guard let chart else { return }
        values["chart"] = chart
        values["legend"] = TimelineChart.legend(timeline)
        values["undated"] = timeline.series.contains { $0.undated > 0 } ? Views.count(timeline.series.map(\.undated).reduce(0, +)) : nil
        let others = base.filter { $0.0 != "interval" && $0.0 != "share" }.map { ($0.0, Optional($0.1)) }
        let shareParameter: (String, String?) = ("share", share ? "true" : nil)
        values["intervals"] = TimelineInterval.allCases.map { choice -> Views.Values in
            ["label": TimelineChart.intervalLabel(choice), "href": "/search" + Paths.query(others + [("interval", choice.rawValue), shareParameter]),
             "current": choice == timeline.interval]
        }
        values["shareHref"] = "/search" + Paths.query(others + [("interval", interval?.rawValue), ("share", share ? nil : "true")])
        values["shareLabel"] = share ? "عدد المقالات" : "حصة من كل المقالات"
    }

    /// Matches per outlet (the source facet), with the share of each outlet's output that matched.
    func sourceRows(_ results: SearchResults, filters: SearchFilters, base: [(String, String)]) async throws -> [Views.Values] {
        var rows = [Views.Values]()
        for count in results.facets["source"] ?? [] {
            var scope = filters
            scope.source = count.value
            let output = try await caches.total(scope, archive: archive)
            let rest = base.filter { $0.0 != "source" }.map { ($0.0, Optional($0.1)) }
            rows.append([
                "source": count.value, "count": Views.count(count.count), "output": Views.count(output),
                "share": String(format: "%.1f%%", Double(count.count) / Double(max(1, output)) * 100),
                "href": "/search" + Paths.query(rest + [("source", count.value)]),
            ])
        }
        return rows
    }
}
