/// Marsad's stemming mode: see ``LightStemmer``.
enum MarsadStem {
    static let conjunctions: [Letter] = [L.waw, L.feh]
    static let prepositions: [Letter] = [L.beh, L.kaf, L.lam]
    /// The article, alone or behind a preposition; لل is ل + ال with the alef elided.
    static let articles: [[Letter]] = [
        [L.beh, L.alef, L.lam], [L.kaf, L.alef, L.lam], [L.alef, L.lam], [L.lam, L.lam],
    ]
    static let pronouns: [[Letter]] = [
        [L.heh, L.meem, L.alef], [L.kaf, L.meem, L.alef], [L.heh, L.meem], [L.heh, L.noon],
        [L.kaf, L.meem], [L.kaf, L.noon], [L.heh, L.alef], [L.noon, L.alef], [L.heh],
    ]
    static let endings: [[Letter]] = [
        [L.alef, L.teh], [L.waw, L.noon], [L.yeh, L.noon], [L.alef, L.noon], [L.waw, L.alef],
        [L.teh, L.meem], [L.teh, L.noon], [L.yeh, L.heh], [L.heh], [L.yeh],
    ]
    static let minimumStem = 3

    static func stem(_ s: UnsafeBufferPointer<UInt32>, guards: StemmerGuards) -> Range<Int> {
        var r = 0..<s.count
        if r.count <= minimumStem || guards.protects(s, r) { return r }

        // Proclitics: conjunction, then the article (with its preposition) or a bare preposition.
        if conjunctions.contains(s[r.lowerBound]) && r.count > minimumStem {
            r = r.dropFirst()
            if guards.protects(s, r) { return r }
        }
        var hadArticle = false
        for article in articles where r.count - article.count >= 2 && s.has(prefix: article, in: r) {
            r = (r.lowerBound + article.count)..<r.upperBound
            hadArticle = true
            break
        }
        if !hadArticle && prepositions.contains(s[r.lowerBound]) && r.count > minimumStem + 1 {
            let rest = r.dropFirst()
            if !guards.protects(s, r) { r = rest }
        }
        if guards.protects(s, r) { return r }

        // Enclitic pronoun, the construct-state ت it reveals (حكومتهم → حكوم), then an inflectional ending.
        var hadPronoun = false
        for pronoun in pronouns where r.count - pronoun.count >= minimumStem && s.has(suffix: pronoun, in: r) {
            r = r.lowerBound..<(r.upperBound - pronoun.count)
            hadPronoun = true
            break
        }
        if hadPronoun && r.count > minimumStem && s[r.upperBound - 1] == L.teh && s[r.upperBound - 2] != L.alef {
            r = r.dropLast()
        }
        for ending in endings where r.count - ending.count >= minimumStem && s.has(suffix: ending, in: r) {
            r = r.lowerBound..<(r.upperBound - ending.count)
            break
        }
        return r
    }
}
