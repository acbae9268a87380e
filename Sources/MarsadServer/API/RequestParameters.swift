import Archive
import HTTPTypes
import Hummingbird
import NewsModel

/// Query-string fields read the same way by the API and the pages: bounded numbers, known names,
/// and a 400 that names the field for anything else.
struct RequestParameters {
    let query: [(String, String)]

    init(_ request: Request) {
        query = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    func string(_ name: String) -> String? {
        guard let value = query.last(where: { $0.0 == name })?.1 else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func int(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.invalid(name, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(text)")
        }
        return number
    }

    func role() throws -> Article.Role? {
        guard let name = string("role") else { return nil }
        guard let role = Article.Role(rawValue: name) else { throw Problem.invalid("role", "expected main, continuation or related") }
        return role
    }

    func filters() throws -> SearchFilters {
        do {
            return try SearchFilters(
                section: string("section"), source: string("source"), from: string("from"), to: string("to"),
                entity: string("entity"), speaker: string("speaker"), role: role()
            ).validated()
        } catch let error as ArchiveError {
            throw Problem.from(error)
        }
    }

    func order() throws -> SearchRequest.Order {
        switch string("order") ?? "relevance" {
        case "relevance": return .relevance
        case "recent": return .recency(halfLifeDays: 30)
        case "newest": return .newest
        case let other: throw Problem.invalid("order", "expected relevance, recent or newest, got \(other)")
        }
    }

    /// The search a request asks for; `q` is any text (the query language never fails).
    func searchRequest(defaultLimit: Int = 10) throws -> SearchRequest {
        let text = query.last(where: { $0.0 == "q" })?.1 ?? ""
        guard text.unicodeScalars.count <= 1_000 else { throw Problem.invalid("q", "longer than 1,000 characters") }
        let facets = string("facets").map { $0 != "false" && $0 != "0" } ?? true
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
