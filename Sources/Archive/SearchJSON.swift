public import NewsModel

/// The JSON of `marsad search --format json`, shared with the server's search API, so that both give
/// the same hit fields.
public enum SearchJSON {
    public static func value(_ results: SearchResults) -> DocumentJSON.Value {
        .object([
            ("total", .number(Double(results.total))),
            ("hits", .array(results.hits.map(value))),
            ("facets", .object(SearchResults.facetNames.map { name in
                (name, .array((results.facets[name] ?? []).map { .object([("value", .string($0.value)), ("count", .number(Double($0.count)))]) }))
            })),
        ])
    }

    public static func value(_ hit: SearchHit) -> DocumentJSON.Value {
        .object([
            ("id", .string(hit.id)),
            ("title", .string(hit.title)),
            ("source", hit.source.map(DocumentJSON.Value.string) ?? .null),
            ("section", hit.section.map(DocumentJSON.Value.string) ?? .null),
            ("published", hit.published.map(DocumentJSON.Value.string) ?? .null),
            ("url", hit.url.map(DocumentJSON.Value.string) ?? .null),
            ("snippet", .string(hit.snippet.text)),
            ("highlights", .array(hit.snippet.highlights.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) })),
            ("score", .number((hit.score * 10_000).rounded() / 10_000)),
            ("alsoIn", .array(hit.alsoIn.map(DocumentJSON.Value.string))),
        ])
    }
}
