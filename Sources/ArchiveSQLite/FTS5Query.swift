public import Archive
import Foundation

/// Renders a ``SearchQuery`` as an FTS5 MATCH expression.
///
/// Every term is written as an FTS5 string (`"…"`, with `"` doubled), so nothing the user typed can
/// act as FTS5 syntax: `NEAR`, `:`, `^`, brackets and stray quotes are only ever text. The expression
/// is passed as a bound parameter, never spliced into SQL.
enum FTS5Query {
    static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func render(_ atom: SearchQuery.Atom) -> String {
        switch atom {
        case .term(let term): return quoted(term)
        case .prefix(let prefix): return quoted(prefix) + " *"
        case .phrase(let terms): return quoted(terms.joined(separator: " "))
        }
    }

    /// The positive part: every group required, alternatives within a group. Nil when nothing is
    /// required (an empty query, or only exclusions).
    static func positive(_ query: SearchQuery) -> String? {
        guard !query.required.isEmpty else { return nil }
        return query.required.map { group in
            group.count == 1 ? render(group[0]) : "(" + group.map(render).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    /// The excluded part as one OR expression: `positive NOT (…)` in one MATCH, or matched separately
    /// when nothing is required (FTS5's NOT needs a left side).
    static func negative(_ query: SearchQuery) -> String? {
        guard !query.excluded.isEmpty else { return nil }
        return query.excluded.map(render).joined(separator: " OR ")
    }
}

extension FTS5Query {
    /// An OR of an article's characteristic terms (``RelatedQuery``), or "" when it has none.
    static func related(title: String, body: String, limit: Int = 16) -> String {
        RelatedQuery.terms(title: title, body: body, limit: limit).map(quoted).joined(separator: " OR ")
    }
}

/// The FTS5 MATCH expression of a query's required part, for code that queries FTS5 tables of its own
/// (benchmarks, tests). Nil when the query requires nothing.
public enum FTS5Render {
    public static func expression(_ query: SearchQuery) -> String? {
        FTS5Query.positive(query)
    }
}
