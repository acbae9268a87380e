import ArabicText

/// Multi-word phrases keyed by the hashes of their tokens' name keys, matched longest-first over a
/// ``TokenTable``. Gazetteers, titles and organisation heads are all phrase tables.
struct NamePhraseTable: Sendable {
    private var phrases = HashIndex()
    /// Hashes of every proper prefix of a listed phrase, so that a match stops as soon as none can follow.
    private var prefixes = HashIndex()
    private(set) var maxTokens = 0
    var count: Int { phrases.count }

    static let start: UInt64 = 0x5151_ab1e_0000_0001

    /// Token key hashes of a phrase, tokenized as text is.
    static func tokenHashes(_ phrase: String) -> [UInt64] {
        var phrase = phrase
        return phrase.withUTF8 { bytes in
            let table = TokenTable(text: bytes)
            return table.keyHash
        }
    }

    /// Adds a phrase; when it is already listed, keeps the first payload and returns it.
    @discardableResult
    mutating func insert(_ hashes: [UInt64], payload: Int32) -> Int32 {
        guard !hashes.isEmpty else { return payload }
        var h = Self.start
        for (k, t) in hashes.enumerated() {
            h = NameHash.combine(h, t)
            if k < hashes.count - 1 { prefixes.insertIfAbsent(h, 0) }
        }
        maxTokens = max(maxTokens, hashes.count)
        return phrases.insertIfAbsent(h, payload)
    }

    /// The payload of a phrase given whole (no clitics), or nil.
    func find(_ hashes: [UInt64]) -> Int32? {
        var h = Self.start
        for t in hashes { h = NameHash.combine(h, t) }
        return phrases.find(h)
    }

    /// The payload of a one-word phrase, by the word's key hash.
    @inline(__always)
    func find(word hash: UInt64) -> Int32? { phrases.find(NameHash.combine(Self.start, hash)) }

    struct Match {
        var end: Int
        var payload: Int32
        var reading: Clitics.Reading
    }

    /// The longest phrase that starts at token `i`, reading proclitics off its first word when
    /// `clitics` is set; among equally long matches, the one that cuts least.
    ///
    /// - Complexity: O(readings × maxTokens).
    func longestMatch(in t: TokenTable, key: UnsafeBufferPointer<UInt8>, at i: Int, clitics: Bool = true) -> Match? {
        guard maxTokens > 0, t.isWord(i) else { return nil }
        let word = UnsafeBufferPointer(rebasing: key[t.formRange(i)])
        let readings = clitics ? Clitics.readings(word) : {
            var r = Clitics.Readings()
            r.append(.whole)
            return r
        }()
        var best: Match?
        for r in 0..<readings.count {
            let reading = readings[r]
            var h = NameHash.combine(Self.start, Clitics.hash(word, reading))
            var end = i + 1
            while true {
                if let payload = phrases.find(h), end > (best?.end ?? 0) {
                    best = Match(end: end, payload: payload, reading: reading)
                }
                guard end < t.count, end - i < maxTokens, prefixes.find(h) != nil else { break }
                h = NameHash.combine(h, t.keyHash[end])
                end += 1
            }
        }
        return best
    }
}
