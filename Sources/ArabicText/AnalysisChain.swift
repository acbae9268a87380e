/// Turns text into index terms: tokenize, normalize, drop stopwords, stem.
///
/// Both search backends take their terms from here, so SQLite and PostgreSQL agree.
/// Each term keeps its position (stopwords leave gaps, so phrases stay exact) and the byte range of
/// the original token, for highlighting.
///
/// ```swift
/// AnalysisChain.index.terms(in: "وقال الرئيس إنّ المفاوضات").map(\.text)  // ["رييس"…]
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
        let scratch = Scratch()
        var position = 0
        tokenizer.forEachToken(in: bytes) { kind, range in
            guard kind.isWordLike else { return }
            defer { position += 1 }
            scratch.normalized.removeAll()
            var token = UnsafeBufferPointer(rebasing: bytes[range])
            if kind == .hashtag || kind == .mention { token = UnsafeBufferPointer(rebasing: token.dropFirst()) }
            normalizer.normalize(token, appendingTo: scratch.normalized)
            let term = scratch.normalized.bytes
            guard term.count > 0 else { return }
            if let stopwords, kind == .arabicWord, stopwords.contains(utf8: term) { return }
            if let stemmer, kind == .arabicWord || kind == .hashtag {
                body(scratch.stem(term, with: stemmer), kind, position, range)
            } else {
                body(term, kind, position, range)
            }
        }
    }

    /// Buffers reused across the tokens of one call.
    final class Scratch {
        let normalized = UTF8Buffer(capacity: 256)
        let stemmed = UTF8Buffer(capacity: 256)
        var scalars = [UInt32](repeating: 0, count: 256)

        /// Decodes the (2-byte Arabic, mostly) term to scalars, stems it, and re-encodes the kept part.
        func stem(_ term: UnsafeBufferPointer<UInt8>, with stemmer: LightStemmer) -> UnsafeBufferPointer<UInt8> {
            if scalars.count < term.count { scalars = [UInt32](repeating: 0, count: term.count) }
            return scalars.withUnsafeMutableBufferPointer { buffer -> UnsafeBufferPointer<UInt8> in
                var count = 0
                var i = 0
                let base = term.baseAddress!
                while i < term.count {
                    let (s, len) = UTF8Decoding.decode(base, at: i, count: term.count)
                    buffer[count] = len > 0 ? s : 0xFFFD
                    count += 1
                    i += max(len, -len, 1)
                }
                let kept = stemmer.stemRange(UnsafeBufferPointer(rebasing: buffer[0..<count]))
                if kept.count == count { return term }
                stemmed.removeAll()
                stemmed.reserve(kept.count * 4)
                var out = stemmed.pointer
                for k in kept { out = Normalizer.write(buffer[k], to: out) }
                stemmed.count = out - stemmed.pointer
                return stemmed.bytes
            }
        }
    }
}
