import Archive
import HTTPTypes
import Hummingbird
import NewsModel

/// Query-string fields read the same way by the API and the pages: bounded numbers, known names,
/// and a 400 that names the field for anything else.
struct RequestParameters {
    let query: [(String, String)]
    /// The API's reading: a typed field (number, date, boolean, name from a list) is read as sent,
    /// so `to=` or ` 2026` is a 400 as the OpenAPI schema says. The site's forms send empty fields
    /// for unset filters, so there an empty field is an absent one and spaces are trimmed.
    let strict: Bool

    init(_ request: Request, strict: Bool = false) {
        query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        self.strict = strict
    }

    /// A typed field's text: as sent when strict, else trimmed with empty as absent.
    func typed(_ name: String) -> String? {
        guard strict else { return string(name) }
        return query.last(where: { $0.0 == name })?.1
    }

    func string(_ name: String) -> String? {
        guard let value = query.last(where: { $0.0 == name })?.1 else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = typed(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.invalid(name, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(text)")
        }
        return number
    }

    /// `true` or `false`, as the OpenAPI document declares a boolean; anything else is a 400.
    func bool(_ name: String, default value: Bool) throws -> Bool {
        guard let text = typed(name) else { return value }
        switch text {
        case "true": return true
        case "false": return false
        default: throw Problem.invalid(name, "expected true or false, got \(text)")
        }
    }

    func role() throws -> Article.Role? {
        guard let name = typed("role") else { return nil }
        guard let role = Article.Role(rawValue: name) else { throw Problem.invalid("role", "expected main, continuation or related") }
        return role
    }

    /// `from` and `to` as the API documents them: a real `YYYY-MM-DD`, or `YYYY-MM` or `YYYY`.
    func date(_ name: String) throws -> String? {
        guard let text = typed(name) else { return nil }
        guard ArchiveDates.isFilterDate(text) else { throw Problem.invalid(name, "expected a real date as YYYY-MM-DD, YYYY-MM or YYYY, got \(text)") }
        return text
    }

    func filters() throws -> SearchFilters {
        do {
            return try SearchFilters(
                section: string("section"), source: string("source"), from: date("from"), to: date("to"),
                entity: string("entity"), speaker: string("speaker"), role: role(), includeCopies: bool("all", default: false)
            ).validated()
        } catch let error as ArchiveError {
            throw Problem.from(error)
        }
    }

    func order() throws -> SearchRequest.Order {
        switch typed("order") ?? "relevance" {
        case "relevance": return .relevance
        case "recent": return .recency(halfLifeDays: 30)
        case "newest": return .newest
        case let other: throw Problem.invalid("order", "expected relevance, recent or newest, got \(other)")
        }
    }

    /// Every `q` of a request, for a timeline that compares queries: 1 to ``Timeline/maxQueries``,
    /// each at most 1,000 characters. Empty ones (a form's blank field) are skipped; one of spaces
    /// is a query like any other (it matches what browsing does).
    func queries() throws -> [String] {
        let texts = query.filter { $0.0 == "q" }.map(\.1).filter { !$0.isEmpty }
        guard !texts.isEmpty, texts.count <= Timeline.maxQueries else {
            throw Problem.invalid("q", "expected 1 to \(Timeline.maxQueries) queries, got \(texts.count)")
        }
        if texts.contains(where: { $0.unicodeScalars.count > 1_000 }) { throw Problem.invalid("q", "longer than 1,000 characters") }
        return texts
    }

    /// `interval`: day, week or month; nil picks one from the span.
    func interval() throws -> TimelineInterval? {
        guard let name = typed("interval") else { return nil }
        guard let interval = TimelineInterval(rawValue: name) else { throw Problem.invalid("interval", "expected day, week or month, got \(name)") }
        return interval
    }

    /// The search a request asks for; `q` is any text (the query language never fails).
    func searchRequest(defaultLimit: Int = 10) throws -> SearchRequest {
        let text = query.last(where: { $0.0 == "q" })?.1 ?? ""
        guard text.unicodeScalars.count <= 1_000 else { throw Problem.invalid("q", "longer than 1,000 characters") }
        let facets = try bool("facets", default: true)
        return SearchRequest(
            query: SearchQuery(text), filters: try filters(),
            limit: try int("limit", default: defaultLimit, in: 1...100), offset: try int("offset", default: 0, in: 0...10_000),
            order: try order(), facets: facets)
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Set where Element == Character {
    static let whitespacesAndNewlines: Set<Character> = [" ", "\t", "\n", "\r", "\u{A0}", "\u{200F}", "\u{200E}"]
}
