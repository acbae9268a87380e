/// Turns text into index terms: tokenize, normalize, drop stopwords, stem.
///
/// Both search backends take their terms from here, so SQLite and PostgreSQL agree.
/// Each term keeps its position (stopwords leave gaps, so phrases stay exact) and the byte range of
/// the original token, for highlighting.
///
/// ```swift
/// AnalysisChain.index.terms(in: "وقال الرئيس إنّ المفاوضات").map(\.text)  // ["رئيس", "مفاوض"]
/// ```
///
/// - Complexity: O(n). ``forEachTerm(in:_:)`` allocates nothing per token.
public struct AnalysisChain: Sendable {
    public var normalizer: Normalizer
    public var tokenizer: Tokenizer
    public var stopwords: Stopwords?
    public var stemmer: LightStemmer?
    /// Keep stopwords when a text holds nothing else (a query for «من» should still find something).
    public var keepStopwordsIfAllAre: Bool

    public init(
        normalizer: Normalizer = .search, tokenizer: Tokenizer = Tokenizer(), stopwords: Stopwords? = .arabic,
        stemmer: LightStemmer? = LightStemmer(mode: .marsad), keepStopwordsIfAllAre: Bool = false
    ) {
        self.normalizer = normalizer
        self.tokenizer = tokenizer
        self.stopwords = stopwords
        self.stemmer = stemmer
        self.keepStopwordsIfAllAre = keepStopwordsIfAllAre
    }

    /// The chain that builds the index.
    public static let index = AnalysisChain()
    /// The chain for queries: the same terms, but a query made only of stopwords keeps them.
    public static let query = AnalysisChain(keepStopwordsIfAllAre: true)

    /// An index term.
    public struct Term: Sendable, Hashable {
        public var text: String
        public var kind: TokenKind
        /// Token position; removed stopwords leave gaps.
        public var position: Int
        /// UTF-8 byte range of the original token.
        public var range: Range<Int>
    }

    public func terms(in text: String) -> [Term] {
        var result = [Term]()
        var text = text
        text.withUTF8 { bytes in
            forEachTerm(in: bytes) { term, kind, position, range in
                result.append(Term(text: String(decoding: term, as: UTF8.self), kind: kind, position: position, range: range))
            }
        }
        if result.isEmpty && keepStopwordsIfAllAre && stopwords != nil {
            var unfiltered = self
            unfiltered.stopwords = nil
            return unfiltered.terms(in: text)
        }
        return result
    }

    /// Calls `body` with each term's normalized, stemmed UTF-8 bytes, kind, position and source range.
    ///
    /// The bytes are only valid during the call.
    public func forEachTerm(
        in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>, TokenKind, Int, Range<Int>) -> Void
    ) {
        // Scratch memory lives in locals for the whole call: no class fields, so no exclusivity
        // checks or retains per token. It grows for the rare very long token.
        var capacity = 0
        var normalized = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        var scalars = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
        var stemmed = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer {
            normalized.deallocate()
            scalars.deallocate()
            stemmed.deallocate()
        }
        var position = 0
        tokenizer.forEachToken(in: bytes) { kind, range in
            guard kind.isWordLike else { return }
            defer { position += 1 }
            var token = UnsafeBufferPointer(rebasing: bytes[range])
            if kind == .hashtag || kind == .mention { token = UnsafeBufferPointer(rebasing: token.dropFirst()) }
            let needed = Normalizer.worstCaseOutput(token.count)
            if needed > capacity {
                capacity = max(needed, 256)
                normalized.deallocate()
                scalars.deallocate()
                stemmed.deallocate()
                normalized = .allocate(capacity: capacity)
                scalars = .allocate(capacity: capacity)
                stemmed = .allocate(capacity: capacity)
            }
            let count = normalizer.normalize(token, into: normalized)
            guard count > 0 else { return }
            let term = UnsafeBufferPointer(start: normalized, count: count)
            if let stopwords, kind == .arabicWord, stopwords.contains(utf8: term) { return }
            guard let stemmer, kind == .arabicWord || kind == .hashtag else {
                body(term, kind, position, range)
                return
            }
            // Decode to scalars, stem, and re-encode the part that survives.
            var n = 0
            var i = 0
            while i < count {
                let (s, len) = UTF8Decoding.decode(normalized, at: i, count: count)
                scalars[n] = len > 0 ? s : ArabicScalar.replacementCharacter
                n += 1
                i += max(len, -len)
            }
            let kept = stemmer.stemRange(UnsafeBufferPointer(start: scalars, count: n))
            if kept.count == n {
                body(term, kind, position, range)
            } else {
                var out = stemmed
                for k in kept { out = Normalizer.write(scalars[k], to: out) }
                body(UnsafeBufferPointer(start: stemmed, count: out - stemmed), kind, position, range)
            }
        }
    }
}
