import ArabicText
import StableHash

/// The matching form of a word in a name: its `.search` form with spelling variants of names folded.
///
/// | fold | why |
/// |---|---|
/// | ؤ → و, ئ → ي | hamza carriers, which writers drop or keep (إسرائيل, اسرائيل) |
/// | ج گ ڨ ڭ چ → غ | the foreign g: غرينلاند, جرينلاند, گرينلاند |
/// | ڤ → ف, پ → ب, ژ → ز | Persian and Maghrebi letters for v, p and zh |
///
/// Each fold maps a two-byte letter to a two-byte letter, so that a key is as long as the `.search`
/// form it comes from and byte offsets carry over. Alef insertion (ترمب, ترامب) is not a fold: it
/// would merge ordinary words (عمن, عمان), so gazetteers list such variants.
enum NameKey {
    /// Replacement scalar for each letter of U+0600–U+06FF (0: keep), indexed by the low ten bits.
    static let table: [UInt16] = {
        typealias A = ArabicScalar
        var table = [UInt16](repeating: 0, count: 256)
        let folds: [(UInt32, UInt32)] = [
            (A.wawHamzaAbove, A.waw), (A.yehHamzaAbove, A.yeh),
            (A.jeem, A.ghain), (A.gaf, A.ghain), (A.qafThreeDotsAbove, A.ghain), (A.ng, A.ghain), (A.tcheh, A.ghain),
            (A.veh, A.feh), (A.peh, A.beh), (A.jeh, A.zain),
        ]
        for (from, to) in folds { table[Int(from - 0x0600)] = UInt16(to) }
        return table
    }()

    /// Folds `.search`-normalized bytes into name-key bytes in place.
    ///
    /// - Complexity: O(count).
    static func fold(_ p: UnsafeMutablePointer<UInt8>, count: Int) {
        var i = 0
        while i < count {
            let b0 = p[i]
            if b0 & 0xFC == 0xD8, i + 1 < count {
                let to = table[Int(b0 & 0x03) << 6 | Int(p[i + 1] & 0x3F)]
                if to != 0 {
                    p[i] = 0xC0 | UInt8(to >> 6)
                    p[i + 1] = 0x80 | UInt8(to & 0x3F)
                }
                i += 2
            } else {
                i += 1
            }
        }
    }

    /// The key of a whole string (gazetteer entries, cue words): `.search`, then the folds.
    static func key(_ text: String) -> [UInt8] {
        var bytes = Array(Normalizer.search.normalize(text).utf8)
        bytes.withUnsafeMutableBufferPointer { fold($0.baseAddress!, count: $0.count) }
        return bytes
    }
}

/// Mixing for the tagger's keys and features, which are FNV-1a hashes (``StableHash/FNV1a64``) of
/// name keys and words. The model files store weights under these values, so they must not change.
enum NameHash {

    /// Murmur3's finalizer: spreads every input bit over the output, for table indices and combining.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 { BitMix.murmur3(x) }

    /// The hash of a sequence `a` extended by one element `b` (token sequences of names).
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 { mix(a &* 0x9E37_79B9_7F4A_7C15 ^ b) }
}
