import ArabicText
import StableHash

/// The tagger's features: hashes of (template, value), computed without building strings.
///
/// Per token: the `.search` form and the form less its proclitics, the light stem, prefixes and
/// suffixes of one to four letters, the clitics, the word shape, the same for neighbours (words and
/// forms less proclitics ±2, the rest ±1), word bigrams, and one feature per gazetteer and cue flag of the token and its
/// neighbours (``Annotations``). Previous tags enter through the transition weights of the decoder.
struct NERFeatures {
    /// Changes whenever templates change, so that an old model is refused rather than misread.
    static let version: UInt32 = 5

    let stemmer = LightStemmer(mode: .marsad)

    /// What features are built from, per token.
    struct Values {
        var word: UInt64 = 0
        var stripped: UInt64 = 0
        var stem: UInt64 = 0
        var prefix1: UInt64 = 0, prefix2: UInt64 = 0, prefix3: UInt64 = 0
        var suffix1: UInt64 = 0, suffix2: UInt64 = 0, suffix3: UInt64 = 0
        var prefix4: UInt64 = 0, suffix4: UInt64 = 0
        var clitics: UInt64 = 0
        var shape: UInt64 = 0
        /// Word classes (``WordClusters``), fine to coarse, plus one; 0 for a word without a class.
        var fine: UInt64 = 0
        var middle: UInt64 = 0
        var coarse: UInt64 = 0
        /// ``LabelPriors`` buckets, packed.
        var priors: UInt64 = 0

        static let outside = Values(word: 1, stripped: 1, stem: 1, prefix1: 1, prefix2: 1, prefix3: 1,
                                    suffix1: 1, suffix2: 1, suffix3: 1, prefix4: 1, suffix4: 1, clitics: 1, shape: 1, fine: 1 << 20, middle: 1 << 20, coarse: 1 << 20, priors: 1 << 9)
    }

    /// The values of every token of `t`.
    ///
    /// - Complexity: O(total length).
    func values(_ t: TokenTable, clusters: WordClusters?, priors: LabelPriors? = nil) -> [Values] {
        var result = [Values](repeating: Values(), count: t.count)
        var scalars = [UInt32](repeating: 0, count: 64)
        t.search.withUnsafeBufferPointer { search in
            for i in 0..<t.count {
                let word = UnsafeBufferPointer(rebasing: search[t.formRange(i)])
                var v = Values()
                v.word = FNV1a64.hash(word)
                // Decode to scalars (letters are what affixes count).
                if scalars.count < word.count { scalars = [UInt32](repeating: 0, count: word.count) }
                let n = scalars.withUnsafeMutableBufferPointer { Self.decode(word, into: $0) }
                let (cut, code) = t.isWord(i) ? Clitics.strip(word) : (0, 0)
                let cutScalars = Clitics.letters(UnsafeBufferPointer(rebasing: word[..<cut]))
                v.clitics = UInt64(code) &+ 7
                v.stripped = FNV1a64.hash(UnsafeBufferPointer(rebasing: word[cut...]))
                scalars.withUnsafeBufferPointer { s in
                    let body = UnsafeBufferPointer(rebasing: s[cutScalars..<n])
                    v.prefix1 = Self.hash(body, 0..<min(1, body.count))
                    v.prefix2 = Self.hash(body, 0..<min(2, body.count))
                    v.prefix3 = Self.hash(body, 0..<min(3, body.count))
                    v.suffix1 = Self.hash(body, max(0, body.count - 1)..<body.count)
                    v.suffix2 = Self.hash(body, max(0, body.count - 2)..<body.count)
                    v.suffix3 = Self.hash(body, max(0, body.count - 3)..<body.count)
                    v.prefix4 = Self.hash(body, 0..<min(4, body.count))
                    v.suffix4 = Self.hash(body, max(0, body.count - 4)..<body.count)
                    let whole = UnsafeBufferPointer(rebasing: s[0..<n])
                    v.stem = t.kinds[i] == .arabicWord ? Self.hash(whole, stemmer.stemRange(whole)) : v.word
                }
                v.shape = Self.shape(t.kinds[i], letters: n)
                if let priors { v.priors = UInt64(priors.packed(v.stripped)) }
                if let clusters, let row = clusters.row(v.stripped) {
                    v.fine = UInt64(clusters.level(0, row: row)) + 1
                    v.middle = UInt64(clusters.level(1, row: row)) + 1
                    v.coarse = UInt64(clusters.level(2, row: row)) + 1
                }
                result[i] = v
            }
        }
        return result
    }

    static func decode(_ word: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var n = 0
        var i = 0
        while i < word.count {
            let b = word[i]
            var s = UInt32(b)
            var len = 1
            if b >= 0xF0 { s = UInt32(b & 0x07); len = 4 } else if b >= 0xE0 { s = UInt32(b & 0x0F); len = 3 } else if b >= 0xC0 { s = UInt32(b & 0x1F); len = 2 }
            for k in 1..<len where i + k < word.count { s = s << 6 | UInt32(word[i + k] & 0x3F) }
            out[n] = s
            n += 1
            i += len
        }
        return n
    }

    @inline(__always)
    static func hash(_ s: UnsafeBufferPointer<UInt32>, _ r: Range<Int>) -> UInt64 {
        var h = FNV1a64.offsetBasis ^ UInt64(r.count)
        for k in r { h = FNV1a64.step(h, UInt64(s[k])) }
        return h
    }

    static func shape(_ kind: TokenKind, letters: Int) -> UInt64 {
        let length = letters <= 7 ? letters : letters <= 9 ? 8 : 9
        let k: Int
        switch kind {
        case .arabicWord: k = 0
        case .latinWord: k = 1
        case .number: k = 2
        case .punctuation: k = 3
        default: k = 4
        }
        return UInt64(k * 16 + length + 3)
    }

    // Template numbers: a feature is mix(value + template × φ).
    enum T {
        static let bias: UInt64 = 1
        static let word: UInt64 = 2
        static let wordPrev: UInt64 = 3
        static let wordNext: UInt64 = 4
        static let wordPrev2: UInt64 = 5
        static let wordNext2: UInt64 = 6
        static let stripped: UInt64 = 7
        static let strippedPrev: UInt64 = 8
        static let strippedNext: UInt64 = 9
        static let stem: UInt64 = 10
        static let stemPrev: UInt64 = 11
        static let stemNext: UInt64 = 12
        static let suffix1: UInt64 = 13
        static let suffix2: UInt64 = 14
        static let suffix3: UInt64 = 15
        static let prefix1: UInt64 = 16
        static let prefix2: UInt64 = 17
        static let prefix3: UInt64 = 18
        static let clitics: UInt64 = 19
        static let shape: UInt64 = 20
        static let shapePrev: UInt64 = 21
        static let shapeNext: UInt64 = 22
        static let shapes: UInt64 = 23
        static let bigramPrev: UInt64 = 24
        static let bigramNext: UInt64 = 25
        static let bigramPrev2: UInt64 = 26
        static let strippedBigram: UInt64 = 27
        static let first: UInt64 = 28
        static let fine: UInt64 = 29
        static let finePrev: UInt64 = 30
        static let fineNext: UInt64 = 31
        static let coarse: UInt64 = 32
        static let coarsePrev: UInt64 = 33
        static let coarseNext: UInt64 = 34
        static let coarsePrev2: UInt64 = 35
        static let coarseNext2: UInt64 = 36
        static let coarseBigramPrev: UInt64 = 37
        static let coarseBigramNext: UInt64 = 38
        static let middle: UInt64 = 39
        static let middlePrev: UInt64 = 140
        static let middleNext: UInt64 = 141
        static let prior: UInt64 = 143
        static let priorPrev: UInt64 = 144
        static let priorNext: UInt64 = 145
        static let priorTypes: UInt64 = 146
        static let prefix4: UInt64 = 147
        static let suffix4: UInt64 = 148
        static let strippedPrev2: UInt64 = 158
        static let strippedNext2: UInt64 = 159
        static let strippedBigramNext: UInt64 = 160
        static let flag: UInt64 = 40
        static let flagPrev: UInt64 = 60
        static let flagNext: UInt64 = 80
        static let flagPrev2: UInt64 = 100
        static let flagNext2: UInt64 = 120
    }

    @inline(__always)
    static func f(_ template: UInt64, _ value: UInt64) -> UInt64 {
        NameHash.mix(value &+ template &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Appends the features of token `i` of the sentence `sentence` to `out`.
    func features(at i: Int, in sentence: Range<Int>, values v: UnsafeBufferPointer<Values>, flags: UnsafeBufferPointer<UInt32>, into out: inout [UInt64]) {
        @inline(__always) func at(_ k: Int) -> Values { sentence.contains(k) ? v[k] : .outside }
        @inline(__always) func flagsAt(_ k: Int) -> UInt32 { sentence.contains(k) ? flags[k] : 0 }
        let c = v[i], p = at(i - 1), n = at(i + 1), p2 = at(i - 2), n2 = at(i + 2)
        out.append(Self.f(T.bias, 0))
        out.append(Self.f(T.word, c.word))
        out.append(Self.f(T.wordPrev, p.word))
        out.append(Self.f(T.wordNext, n.word))
        out.append(Self.f(T.wordPrev2, p2.word))
        out.append(Self.f(T.wordNext2, n2.word))
        out.append(Self.f(T.stripped, c.stripped))
        out.append(Self.f(T.strippedPrev, p.stripped))
        out.append(Self.f(T.strippedNext, n.stripped))
        out.append(Self.f(T.stem, c.stem))
        out.append(Self.f(T.stemPrev, p.stem))
        out.append(Self.f(T.stemNext, n.stem))
        out.append(Self.f(T.suffix1, c.suffix1))
        out.append(Self.f(T.suffix2, c.suffix2))
        out.append(Self.f(T.suffix3, c.suffix3))
        out.append(Self.f(T.prefix1, c.prefix1))
        out.append(Self.f(T.prefix2, c.prefix2))
        out.append(Self.f(T.prefix3, c.prefix3))
        out.append(Self.f(T.clitics, c.clitics))
        out.append(Self.f(T.shape, c.shape))
        out.append(Self.f(T.shapePrev, p.shape))
        out.append(Self.f(T.shapeNext, n.shape))
        out.append(Self.f(T.shapes, p.shape << 16 | c.shape << 8 | n.shape))
        out.append(Self.f(T.bigramPrev, NameHash.combine(p.word, c.word)))
        out.append(Self.f(T.bigramNext, NameHash.combine(c.word, n.word)))
        out.append(Self.f(T.bigramPrev2, NameHash.combine(p2.word, p.word)))
        out.append(Self.f(T.strippedBigram, NameHash.combine(p.stripped, c.stripped)))
        if i == sentence.lowerBound { out.append(Self.f(T.first, 0)) }
        out.append(Self.f(T.fine, c.fine))
        out.append(Self.f(T.finePrev, p.fine))
        out.append(Self.f(T.fineNext, n.fine))
        out.append(Self.f(T.prior, c.priors))
        out.append(Self.f(T.priorPrev, p.priors))
        out.append(Self.f(T.priorNext, n.priors))
        for type in 0..<4 {
            let bucket = (c.priors >> (2 * UInt64(type))) & 3
            if bucket != 0 { out.append(Self.f(T.priorTypes, UInt64(type) << 4 | bucket)) }
        }
        out.append(Self.f(T.middle, c.middle))
        out.append(Self.f(T.middlePrev, p.middle))
        out.append(Self.f(T.middleNext, n.middle))
        out.append(Self.f(T.coarse, c.coarse))
        out.append(Self.f(T.coarsePrev, p.coarse))
        out.append(Self.f(T.coarseNext, n.coarse))
        out.append(Self.f(T.coarsePrev2, p2.coarse))
        out.append(Self.f(T.coarseNext2, n2.coarse))
        out.append(Self.f(T.coarseBigramPrev, p.coarse << 24 | c.coarse))
        out.append(Self.f(T.coarseBigramNext, c.coarse << 24 | n.coarse))
        out.append(Self.f(T.prefix4, c.prefix4))
        out.append(Self.f(T.suffix4, c.suffix4))
        out.append(Self.f(T.strippedPrev2, p2.stripped))
        out.append(Self.f(T.strippedNext2, n2.stripped))
        out.append(Self.f(T.strippedBigramNext, NameHash.combine(c.stripped, n.stripped)))
        Self.appendFlags(flags[i], T.flag, &out)
        Self.appendFlags(flagsAt(i - 1), T.flagPrev, &out)
        Self.appendFlags(flagsAt(i + 1), T.flagNext, &out)
        Self.appendFlags(flagsAt(i - 2), T.flagPrev2, &out)
        Self.appendFlags(flagsAt(i + 2), T.flagNext2, &out)
    }

    @inline(__always)
    static func appendFlags(_ flags: UInt32, _ template: UInt64, _ out: inout [UInt64]) {
        var rest = flags
        while rest != 0 {
            let bit = rest.trailingZeroBitCount
            out.append(f(template, UInt64(bit) &+ 1))
            rest &= rest - 1
        }
    }
}
