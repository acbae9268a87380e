import ArabicText

/// Phrases of one or more tokens (`دولار`, `جنيه إسترليني`, `في المائة`, `%`), each with a payload,
/// found by longest match at a token.
///
/// - Complexity: a lookup hashes one key and compares at most the few phrases sharing a first word.
struct PhraseTable<Payload: Sendable>: Sendable {
    private var byFirst: [WordKey: [(rest: [WordKey], payload: Payload)]] = [:]
    private(set) var maxTokens = 0

    init() {}

    /// The phrase's token keys, tokenized and normalized the way text is.
    static func keys(of phrase: String) -> [WordKey] {
        Tokenizer().tokens(in: phrase).map { WordKey($0.text) }
    }

    /// Adds `phrase`; a phrase already present keeps its first payload.
    mutating func insert(_ phrase: String, _ payload: Payload) {
        insert(keys: Self.keys(of: phrase), payload)
    }

    mutating func insert(keys: [WordKey], _ payload: Payload) {
        guard let first = keys.first, !keys.contains(where: \.isOverlong) else { return }
        let rest = Array(keys.dropFirst())
        var list = byFirst[first, default: []]
        guard !list.contains(where: { $0.rest == rest }) else { return }
        list.append((rest, payload))
        list.sort { $0.rest.count > $1.rest.count }
        byFirst[first] = list
        maxTokens = max(maxTokens, keys.count)
    }

    /// The payload of exactly this phrase.
    func exactMatch(_ keys: [WordKey], first: WordKey) -> Payload? {
        let rest = Array(keys.dropFirst())
        return byFirst[first]?.first(where: { $0.rest == rest })?.payload
    }

    /// Sets the payload of a phrase, adding it when new.
    mutating func replace(keys: [WordKey], _ payload: Payload) {
        guard let first = keys.first else { return }
        let rest = Array(keys.dropFirst())
        byFirst[first]?.removeAll { $0.rest == rest }
        insert(keys: keys, payload)
    }

    /// Adds `phrase` and its accusative forms: each Arabic word may take the tanween alef
    /// (دولاراً, برميلاً, إسترلينياً), which the search normalization leaves as a plain alef.
    mutating func insertWithAccusative(_ phrase: String, _ payload: Payload) {
        let keys = Self.keys(of: phrase)
        var forms: [[WordKey]] = [[]]
        for key in keys {
            var next = [[WordKey]]()
            for form in forms {
                next.append(form + [key])
                if key.arabicLetterCount >= 2, !key.hasSuffix(WordKey.alef) { next.append(form + [key.appending(WordKey.alef)]) }
            }
            forms = next
        }
        for form in forms { insert(keys: form, payload) }
    }

    func contains(first key: WordKey) -> Bool { byFirst[key] != nil }

    /// The first words of the phrases.
    var firstWords: Set<WordKey> { Set(byFirst.keys) }

    /// The longest phrase starting at token `index`, with the number of tokens it covers. `firstKey`
    /// replaces the first token's key (a word with its proclitic taken off).
    func longestMatch(in text: TokenizedText, at index: Int, firstKey: WordKey? = nil) -> (payload: Payload, tokens: Int)? {
        guard index < text.count, let list = byFirst[firstKey ?? text.keys[index]] else { return nil }
        for (rest, payload) in list where index + rest.count < text.count || rest.isEmpty {
            var matched = true
            for (offset, key) in rest.enumerated() where text.keys[index + 1 + offset] != key {
                matched = false
                break
            }
            if matched { return (payload, rest.count + 1) }
        }
        return nil
    }
}
