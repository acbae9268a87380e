import ArabicText
import StableHash

/// Proclitics in name keys: the conjunctions و ف, the prepositions ب ك ل and the article.
///
/// Keys are `.search`-normalized, so each Arabic letter is two UTF-8 bytes and a clitic is cut by
/// byte offset.
enum Clitics {
    typealias A = ArabicScalar

    /// The Arabic letter (U+0600–U+06FF) at byte `i`, or 0.
    @inline(__always)
    static func letter(_ w: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        guard i + 1 < w.count, w[i] & 0xFC == 0xD8 else { return 0 }
        return 0x0600 | UInt32(w[i] & 0x03) << 6 | UInt32(w[i + 1] & 0x3F)
    }

    /// Letters in `w` from byte `from`, counting every scalar as one.
    @inline(__always)
    static func letters(_ w: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        var n = 0
        var i = from
        while i < w.count {
            if w[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    @inline(__always) static func isConjunction(_ c: UInt32) -> Bool { c == A.waw || c == A.feh }
    @inline(__always) static func isPreposition(_ c: UInt32) -> Bool { c == A.beh || c == A.kaf || c == A.lam }

    /// One reading of a word: how many bytes of proclitics to cut, and whether an alef is restored
    /// (لل + X is ل + الX).
    struct Reading: Equatable {
        var cut: Int
        var restoresAlef: Bool
        static let whole = Reading(cut: 0, restoresAlef: false)
    }

    /// The hash state after the alef restored in لل readings.
    static let alefSeed: UInt64 = [UInt8](String(Unicode.Scalar(A.alef)!).utf8).withUnsafeBufferPointer { FNV1a64.hash($0) }

    /// The readings of `w` that a name list may hold, the whole word first: وبوتين → بوتين,
    /// للصين → الصين, وبالصين → الصين. Each leaves at least two letters.
    ///
    /// - Complexity: O(1) readings, O(length) to count letters.
    static func readings(_ w: UnsafeBufferPointer<UInt8>) -> Readings {
        var result = Readings()
        result.append(.whole)
        let total = letters(w)
        guard total >= 3 else { return result }
        func prepositions(at p: Int) {
            let c = letter(w, p)
            guard isPreposition(c), total - p / 2 - 1 >= 2 else { return }
            result.append(Reading(cut: p + 2, restoresAlef: false))
            if c == A.lam && letter(w, p + 2) == A.lam && total - p / 2 - 1 >= 3 {
                result.append(Reading(cut: p + 2, restoresAlef: true))
            }
        }
        prepositions(at: 0)
        if isConjunction(letter(w, 0)) {
            result.append(Reading(cut: 2, restoresAlef: false))
            prepositions(at: 2)
        }
        return result
    }

    /// Up to six readings, without allocating.
    struct Readings {
        private var storage: (Reading, Reading, Reading, Reading, Reading, Reading) =
            (.whole, .whole, .whole, .whole, .whole, .whole)
        private(set) var count = 0

        mutating func append(_ r: Reading) {
            switch count {
            case 0: storage.0 = r
            case 1: storage.1 = r
            case 2: storage.2 = r
            case 3: storage.3 = r
            case 4: storage.4 = r
            case 5: storage.5 = r
            default: return
            }
            count += 1
        }

        subscript(i: Int) -> Reading {
            switch i {
            case 0: storage.0
            case 1: storage.1
            case 2: storage.2
            case 3: storage.3
            case 4: storage.4
            default: storage.5
            }
        }
    }

    /// The key hash of one reading of `w`.
    @inline(__always)
    static func hash(_ w: UnsafeBufferPointer<UInt8>, _ r: Reading) -> UInt64 {
        let start = r.restoresAlef ? alefSeed : FNV1a64.offsetBasis
        return FNV1a64.hash(UnsafeBufferPointer(rebasing: w[r.cut...]), from: start)
    }

    /// The greedy analysis the tagger's features use: conjunction, then the article with or without a
    /// preposition, or a bare preposition; at least three letters stay (two after the article).
    ///
    /// Returns the bytes cut and a small code for the clitics (for a feature).
    static func strip(_ w: UnsafeBufferPointer<UInt8>) -> (cut: Int, code: UInt8) {
        let total = letters(w)
        var p = 0
        var code: UInt8 = 0
        if isConjunction(letter(w, 0)) && total >= 4 {
            p = 2
            code = letter(w, 0) == A.waw ? 1 : 2
        }
        let rest = total - p / 2
        let a = letter(w, p), b = letter(w, p + 2), c = letter(w, p + 4)
        if a == A.alef && b == A.lam && rest >= 4 {
            return (p + 4, code | 4)
        }
        if (a == A.beh || a == A.kaf) && b == A.alef && c == A.lam && rest >= 5 {
            return (p + 6, code | (a == A.beh ? 8 : 12) | 4)
        }
        if a == A.lam && b == A.lam && rest >= 4 {
            return (p + 4, code | 16 | 4)
        }
        if isPreposition(a) && rest >= 4 {
            return (p + 2, code | (a == A.beh ? 8 : a == A.kaf ? 12 : 16))
        }
        return (p, code)
    }
}
