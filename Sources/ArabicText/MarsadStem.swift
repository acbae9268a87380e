/// Marsad's stemming mode: see ``LightStemmer``.
///
/// The affix tests are switches on the last letters rather than loops over lists: this runs once per
/// indexed word.
enum MarsadStem {
    static let minimumStem = 3

    static func stem(
        _ s: UnsafeBufferPointer<UInt32>, properNouns: StemmerGuards, rootInitial: StemmerGuards
    ) -> Range<Int> {
        var r = 0..<s.count
        if r.count <= minimumStem || properNouns.matches(s, r) { return r }

        // Proclitics: a conjunction, then the article (alone or behind ب ك ل) or a bare preposition.
        let first = s[r.lowerBound]
        if (first == L.waw || first == L.feh) && r.count > minimumStem && !rootInitial.matches(s, r) {
            r = r.dropFirst()
            if properNouns.matches(s, r) { return r }
        }
        let article = articleLength(s, r)
        if article > 0 && r.count - article >= 2 {
            r = (r.lowerBound + article)..<r.upperBound
            if properNouns.matches(s, r) { return r }
        } else if isPreposition(s[r.lowerBound]) && r.count > minimumStem + 1 && !rootInitial.matches(s, r) {
            r = r.dropFirst()
            if properNouns.matches(s, r) { return r }
        }

        // Enclitic pronoun, the construct-state ت it reveals (حكومتهم → حكوم), then an inflectional ending.
        let pronoun = pronounLength(s, r)
        if pronoun > 0 && r.count - pronoun >= minimumStem {
            r = r.lowerBound..<(r.upperBound - pronoun)
            if r.count > minimumStem && s[r.upperBound - 1] == L.teh && s[r.upperBound - 2] != L.alef {
                r = r.dropLast()
            }
        }
        let (long, short) = endingLengths(s, r)
        if long > 0 && r.count - long >= minimumStem {
            r = r.lowerBound..<(r.upperBound - long)
        } else if short > 0 && r.count - short >= minimumStem {
            r = r.lowerBound..<(r.upperBound - short)
        }
        return r
    }

    @inline(__always)
    static func isPreposition(_ c: Letter) -> Bool { c == L.beh || c == L.kaf || c == L.lam }

    /// ال, بال, كال, or لل (ل + ال with the alef elided).
    @inline(__always)
    static func articleLength(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Int {
        guard r.count >= 3 else { return 0 }
        let a = s[r.lowerBound], b = s[r.lowerBound + 1], c = s[r.lowerBound + 2]
        if (a == L.beh || a == L.kaf) && b == L.alef && c == L.lam { return 3 }
        if a == L.alef && b == L.lam { return 2 }
        if a == L.lam && b == L.lam { return 2 }
        return 0
    }

    /// هما كما (3), هم هن كم كن ها نا (2), ه (1).
    @inline(__always)
    static func pronounLength(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> Int {
        guard r.count >= 2 else { return 0 }
        let z = s[r.upperBound - 1], y = s[r.upperBound - 2]
        let x = r.count >= 3 ? s[r.upperBound - 3] : 0
        switch z {
        case L.alef:
            if y == L.meem && (x == L.heh || x == L.kaf) { return 3 }
            return y == L.heh || y == L.noon ? 2 : 0
        case L.meem, L.noon:
            return y == L.heh || y == L.kaf ? 2 : 0
        case L.heh:
            return 1
        default:
            return 0
        }
    }

    /// The two-letter ending (ات ون ين ان وا تم تن يه) and the one-letter ending (ه ي) at the end of `r`.
    @inline(__always)
    static func endingLengths(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> (Int, Int) {
        guard r.count >= 2 else { return (0, 0) }
        let z = s[r.upperBound - 1], y = s[r.upperBound - 2]
        switch z {
        case L.teh: return (y == L.alef ? 2 : 0, 0)
        case L.noon: return (y == L.waw || y == L.yeh || y == L.alef || y == L.teh ? 2 : 0, 0)
        case L.alef: return (y == L.waw ? 2 : 0, 0)
        case L.meem: return (y == L.teh ? 2 : 0, 0)
        case L.heh: return (y == L.yeh ? 2 : 0, 1)
        case L.yeh: return (0, 1)
        default: return (0, 0)
        }
    }
}
