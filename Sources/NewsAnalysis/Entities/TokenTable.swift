import ArabicText
import StableHash

/// The tokens of one text with the forms that gazetteers, cue rules and the tagger read, computed once.
///
/// `search` holds each token's `.search` form and `key` its ``NameKey`` form, at the same offsets:
/// no `String` is built per token.
struct TokenTable {
    /// UTF-8 byte ranges of the tokens in the source text.
    var ranges: [Range<Int>] = []
    var kinds: [TokenKind] = []
    var formStart: [Int32] = []
    var formEnd: [Int32] = []
    var search: [UInt8] = []
    var key: [UInt8] = []
    /// ``NameHash/fnv(_:from:)`` of each key.
    var keyHash: [UInt64] = []

    var count: Int { ranges.count }

    /// Tokens longer than this many bytes are never part of a name: a bound for hostile input.
    static let longestNameToken = 120

    /// Tokenizes `text` (every token, punctuation included: names stop at it).
    init(text: UnsafeBufferPointer<UInt8>, tokenizer: Tokenizer = Tokenizer()) {
        var ranges = [Range<Int>](), kinds = [TokenKind]()
        tokenizer.forEachToken(in: text) { kind, range in
            ranges.append(range)
            kinds.append(kind)
        }
        self.init(text: text, ranges: ranges, kinds: kinds)
    }

    /// Tokens given by the caller (a CoNLL file): `ranges` index into `text`.
    init(text: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], kinds: [TokenKind]) {
        self.ranges = ranges
        self.kinds = kinds
        formStart.reserveCapacity(ranges.count)
        formEnd.reserveCapacity(ranges.count)
        keyHash.reserveCapacity(ranges.count)
        search.reserveCapacity(text.count)
        for range in ranges {
            formStart.append(Int32(search.count))
            if range.count <= Self.longestNameToken * 4 {
                Normalizer.search.withNormalized(UnsafeBufferPointer(rebasing: text[range])) { search.append(contentsOf: $0) }
            } else {
                // A huge token is never a name: keep a bounded stand-in, not megabytes of arena.
                search.append(contentsOf: [0x2A, 0x2A])
            }
            formEnd.append(Int32(search.count))
        }
        key = search
        key.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { NameKey.fold(base, count: $0.count) } }
        key.withUnsafeBufferPointer { key in
            for i in 0..<ranges.count {
                keyHash.append(FNV1a64.hash(UnsafeBufferPointer(rebasing: key[Int(formStart[i])..<Int(formEnd[i])])))
            }
        }
    }

    /// Splits CoNLL-style tokens joined by spaces, classifying each with the tokenizer.
    init(tokens: [String]) {
        var text = [UInt8]()
        var ranges = [Range<Int>]()
        var kinds = [TokenKind]()
        let tokenizer = Tokenizer()
        for token in tokens {
            let start = text.count
            text.append(contentsOf: token.utf8)
            ranges.append(start..<text.count)
            text.append(0x20)
            var kind = TokenKind.punctuation
            var first = true
            var t = token
            t.withUTF8 { bytes in
                tokenizer.forEachToken(in: bytes) { k, _ in
                    if first { kind = k; first = false } else if k == .arabicWord { kind = .arabicWord }
                }
            }
            kinds.append(kind)
        }
        self = text.withUnsafeBufferPointer { TokenTable(text: $0, ranges: ranges, kinds: kinds) }
    }

    @inline(__always)
    func formRange(_ i: Int) -> Range<Int> { Int(formStart[i])..<Int(formEnd[i]) }

    /// True for tokens that can be part of a name.
    @inline(__always)
    func isWord(_ i: Int) -> Bool {
        let k = kinds[i]
        return (k == .arabicWord || k == .latinWord) && ranges[i].count <= Self.longestNameToken
    }
}
