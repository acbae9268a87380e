import Archive

/// Builds `tsvector` and `tsquery` literals from our own index terms, so that PostgreSQL matches
/// exactly what SQLite's FTS5 matches.
///
/// PostgreSQL's parsers (even `simple`) split and rewrite words: `abc_def` becomes `abc` and `def`,
/// `a-b` becomes `a-b`, `a` and `b`. So nothing here goes through `to_tsvector`: the vector is written
/// out as text with explicit positions and weights and cast with `::tsvector`, which keeps every
/// lexeme as written. To give the same hits as SQLite, each index term is cut the way FTS5's `ascii`
/// tokenizer cuts it ‒ at ASCII characters that are neither letters nor digits, ASCII lowercased,
/// every non-ASCII character kept ‒ on both the document side and the query side.
///
/// Every lexeme is written as a quoted literal (`'…'`, with `'` doubled and `\` escaped), so nothing
/// a user typed can act as `tsquery` syntax, and the rendered query is always a bound parameter.
enum TextSearch {
    /// PostgreSQL keeps positions up to 16383; larger ones are stored as 16383 (phrases that far into
    /// a very long body can then no longer be told apart).
    static let maxPosition = 16_383
    /// The longest lexeme PostgreSQL accepts is 2047 bytes; such a "word" is never a real term.
    static let maxLexemeBytes = 2_046

    /// Weights of `ts_rank_cd`, in PostgreSQL's order {D, C, B, A}: body, captions, subtitle, title.
    /// They mirror ``IndexDocument/weights`` (10 : 4 : 4 : 1), scaled into 0...1.
    static let rankWeights = "'{0.1, 0.4, 0.4, 1.0}'"

    /// The field → weight letter of the vector.
    static let fieldWeights: [(IndexDocument.Field, Character)] = [(.title, "A"), (.subtitle, "B"), (.captions, "C"), (.body, "D")]

    /// The pieces FTS5's `ascii` tokenizer makes of one term.
    static func tokens(_ term: some StringProtocol) -> [String] {
        var out = [String]()
        var current = String.UnicodeScalarView()
        for scalar in term.unicodeScalars {
            if scalar.value >= 0x80 {
                current.append(scalar)
            } else if let ascii = Optional(UInt8(scalar.value)), (0x30...0x39).contains(ascii) || (0x61...0x7A).contains(ascii) {
                current.append(scalar)
            } else if (0x41...0x5A).contains(scalar.value) {
                current.append(Unicode.Scalar(scalar.value + 0x20)!)
            } else if !current.isEmpty {
                out.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out.filter { $0.utf8.count <= maxLexemeBytes }
    }

    static func literal(_ lexeme: String) -> String {
        var out = "'"
        for scalar in lexeme.unicodeScalars {
            switch scalar {
            case "'": out += "''"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    // MARK: - Documents

    /// The weighted vector of a document as `tsvector` input text: `'lexeme':1A,7A 'other':3D …`.
    /// Fields are one position apart, so a phrase never runs from the end of one into the next.
    static func vector(_ document: IndexDocument) -> String {
        var positions = [String: [String]]()
        var order = [String]()
        var position = 0
        for (field, weight) in fieldWeights {
            for term in document[field].split(separator: " ") {
                for token in tokens(term) {
                    position += 1
                    let entry = "\(min(position, maxPosition))\(weight)"
                    if positions[token] == nil { order.append(token) }
                    // PostgreSQL keeps at most 256 positions of one lexeme.
                    if positions[token, default: []].count < 256 { positions[token, default: []].append(entry) }
                }
            }
            position += 1
        }
        return order.map { literal($0) + ":" + positions[$0]!.joined(separator: ",") }.joined(separator: " ")
    }

    // MARK: - Queries

    /// One atom as a `tsquery` expression, or nil when it has no lexeme (FTS5 matches nothing then).
    static func render(_ atom: SearchQuery.Atom) -> String? {
        switch atom {
        case .term(let term):
            return sequence(tokens(term), prefixLast: false)
        case .prefix(let prefix):
            return sequence(tokens(prefix), prefixLast: true)
        case .phrase(let terms):
            return sequence(terms.flatMap { tokens($0) }, prefixLast: false)
        }
    }

    static func sequence(_ lexemes: [String], prefixLast: Bool) -> String? {
        guard !lexemes.isEmpty else { return nil }
        let parts = lexemes.enumerated().map { i, lexeme in literal(lexeme) + (prefixLast && i == lexemes.count - 1 ? ":*" : "") }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " <-> ") + ")"
    }

    /// What the positive part of a query asks for.
    enum Positive: Equatable {
        /// Nothing is required: browsing (or only exclusions).
        case none
        /// A required group has no atom that can match: the query has no hits.
        case nothing
        case query(String)
    }

    /// Every group required (`&`), alternatives within a group (`|`).
    static func positive(_ query: SearchQuery) -> Positive {
        guard !query.required.isEmpty else { return .none }
        var groups = [String]()
        for group in query.required {
            let alternatives = group.compactMap(render)
            guard !alternatives.isEmpty else { return .nothing }
            groups.append(alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " | ") + ")")
        }
        return .query(groups.joined(separator: " & "))
    }

    /// The excluded atoms as one OR expression, tested with `NOT (vector @@ …)`.
    static func negative(_ query: SearchQuery) -> String? {
        let rendered = query.excluded.compactMap(render)
        return rendered.isEmpty ? nil : rendered.joined(separator: " | ")
    }

    /// An OR of an article's characteristic terms (``RelatedQuery``), or nil when it has none.
    static func related(title: String, body: String) -> String? {
        let rendered = RelatedQuery.terms(title: title, body: body).compactMap { render(.term($0)) }
        return rendered.isEmpty ? nil : rendered.joined(separator: " | ")
    }
}
