public import ArabicText

/// A parsed search query: words, "phrases", prefix*, -exclusions and OR, already run through the
/// same ``AnalysisChain`` that built the index.
///
/// Any string is a valid query. Syntax the parser does not know (brackets, stray quotes, `NEAR`, `:`)
/// is read as plain words, and nothing of the input ever reaches SQL as syntax: each store renders
/// the terms itself (``SearchQuery/Atom``), quoting every term.
///
/// ```swift
/// let query = SearchQuery("\"وزير الخارجية\" روسيا OR أوكرانيا -سوريا مفاوض*")
/// // required: [[phrase [وزير, خارج]], [term روس, term اوكران]], [prefix مفاوض]]; excluded: [term سوري]
/// ```
///
/// Grammar, loosely: items are separated by spaces; `A OR B` (or `A | B`) joins neighbours into one
/// group of alternatives; groups are all required; `-item` excludes; `word*` matches by prefix.
/// Stopwords are dropped from words (unless nothing else is left), and phrases match their terms in
/// sequence, ignoring the stopwords between them, because the index keeps no stopwords.
public struct SearchQuery: Sendable, Hashable, CustomStringConvertible {
    /// One thing to match.
    public enum Atom: Sendable, Hashable, CustomStringConvertible {
        /// An index term (normalized and stemmed).
        case term(String)
        /// Index terms that start with this text.
        case prefix(String)
        /// Terms in sequence.
        case phrase([String])

        public var description: String {
            switch self {
            case .term(let t): return t
            case .prefix(let p): return p + "*"
            case .phrase(let terms): return "\"" + terms.joined(separator: " ") + "\""
            }
        }

        /// Every index term the atom names (a prefix is not a whole term and is left out).
        public var terms: [String] {
            switch self {
            case .term(let t): return [t]
            case .prefix: return []
            case .phrase(let terms): return terms
            }
        }
    }

    /// Groups that must all match; a group matches when any of its atoms does.
    public var required: [[Atom]]
    /// Atoms no hit may match.
    public var excluded: [Atom]
    /// The text as the user typed it.
    public var text: String

    /// True when nothing is required: such a query has no hits.
    public var isEmpty: Bool { required.isEmpty }

    public var description: String {
        var parts = required.map { group in group.count == 1 ? group[0].description : "(" + group.map(\.description).joined(separator: " OR ") + ")" }
        parts += excluded.map { "-" + $0.description }
        return parts.joined(separator: " ")
    }

    /// The longest query text read; longer input is cut (at a word) so that hostile queries stay cheap.
    public static let maxLength = 1_000
    /// At most this many atoms are kept, for the same reason.
    public static let maxAtoms = 64

    public init(_ text: String, chain: AnalysisChain = .index) {
        self.text = text
        let items = Self.lex(String(text.unicodeScalars.prefix(Self.maxLength)))
        var parsed = Self.build(items, chain: chain, keepStopwords: false)
        if parsed.required.isEmpty, items.contains(where: { !$0.excluded && !$0.isOperator }) {
            var keeping = chain
            keeping.stopwords = nil
            parsed = Self.build(items, chain: keeping, keepStopwords: true)
        }
        required = parsed.required
        excluded = parsed.excluded
    }

    // MARK: - Lexing

    struct Item: Equatable {
        var text: String
        var quoted = false
        var excluded = false
        var isOperator = false
    }

    static func lex(_ text: String) -> [Item] {
        var items = [Item]()
        var current = ""
        var excluded = false
        var inQuote = false
        func flush(quoted: Bool) {
            defer { current = ""; excluded = false }
            if !quoted, current == "OR" || current == "|" {
                items.append(Item(text: current, isOperator: true))
                return
            }
            guard !current.isEmpty else { return }
            items.append(Item(text: current, quoted: quoted, excluded: excluded))
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "“", "”", "«", "»":
                if inQuote {
                    flush(quoted: true)
                    inQuote = false
                } else {
                    // A quote inside a word ends the word first.
                    let wasExcluded = excluded && current.isEmpty
                    flush(quoted: false)
                    excluded = wasExcluded
                    inQuote = true
                }
            case " ", "\t", "\n", "\r", "\u{A0}", "(", ")":
                if inQuote { current.unicodeScalars.append(" ") } else { flush(quoted: false) }
            case "-" where !inQuote && current.isEmpty:
                excluded = true
            default:
                current.unicodeScalars.append(scalar)
            }
        }
        // An unclosed quote is a phrase to the end.
        flush(quoted: inQuote)
        return items
    }

    // MARK: - Building

    static func build(_ items: [Item], chain: AnalysisChain, keepStopwords: Bool) -> (required: [[Atom]], excluded: [Atom]) {
        var required = [[Atom]]()
        var excluded = [Atom]()
        var joinNext = false
        var atoms = 0
        for item in items {
            if item.isOperator {
                joinNext = !required.isEmpty
                continue
            }
            guard atoms < maxAtoms, let atom = atom(for: item, chain: chain) else {
                // A word that analyzes to nothing (a stopword, punctuation) keeps no OR pending.
                if !item.excluded { joinNext = false }
                continue
            }
            atoms += 1
            if item.excluded {
                excluded.append(atom)
            } else if joinNext, !required.isEmpty {
                if !required[required.count - 1].contains(atom) { required[required.count - 1].append(atom) }
            } else if !required.contains([atom]) {
                required.append([atom])
            }
            joinNext = false
        }
        return (required, excluded)
    }

    static func atom(for item: Item, chain: AnalysisChain) -> Atom? {
        var text = item.text
        var isPrefix = false
        if !item.quoted, text.hasSuffix("*") {
            while text.hasSuffix("*") { text.removeLast() }
            isPrefix = true
        }
        let terms = chain.terms(in: text).map(\.text)
        if item.quoted { return terms.isEmpty ? nil : terms.count == 1 ? .term(terms[0]) : .phrase(terms) }
        guard let last = terms.last else { return nil }
        if isPrefix {
            // A prefix is matched against stems; a very short stem would match half the index.
            var stemless = chain
            stemless.stemmer = nil
            let unstemmed = stemless.terms(in: text).last?.text ?? last
            let prefix = last.unicodeScalars.count >= 2 ? last : unstemmed
            guard prefix.unicodeScalars.count >= 2 else { return nil }
            return terms.count == 1 ? .prefix(prefix) : .phrase(terms)
        }
        return terms.count == 1 ? .term(last) : .phrase(terms)
    }

    /// Every whole term the query asks for, for highlighting.
    public var highlightTerms: Set<String> {
        Set(required.flatMap { $0.flatMap(\.terms) })
    }

    /// Every prefix the query asks for, for highlighting.
    public var highlightPrefixes: [String] {
        required.flatMap { $0.compactMap { if case .prefix(let p) = $0 { return p } else { return nil } } }
    }
}
