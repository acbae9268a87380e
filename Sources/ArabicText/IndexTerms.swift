/// The index terms of texts as ``AnalysisChain/index`` makes them, each text's made once: an
/// article's search fields and its fingerprint both read its title, summary and paragraphs, and
/// running the chain twice over them was a thirtieth of ingest's analysis time.
///
/// One per article, on one thread; a text read again is answered from what was recorded.
///
/// ```swift
/// var terms = IndexTerms()
/// terms.forEachTerm(in: "وقال الرئيس إنّ المفاوضات") { term, kind in … }  // رئيس, مفاوض
/// ```
public struct IndexTerms {
    /// One text's terms: their bytes end to end, where each ends, and their kinds.
    struct Recorded {
        var bytes: [UInt8] = []
        var ends: [Int32] = []
        var kinds: [TokenKind] = []
    }

    /// Texts with their terms, searched in order: an article has a few dozen texts, and a `String`
    /// key would hash each by its Unicode normalization, which cost more than the chain itself.
    private var texts: [String] = []
    private var recorded: [Recorded] = []

    public init() {}

    /// Calls `body` with each term's bytes and kind, exactly as `AnalysisChain.index.forEachTerm`
    /// would. The bytes are only valid during the call.
    public mutating func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>, TokenKind) -> Void) {
        let length = text.utf8.count
        let terms: Recorded
        if let k = texts.firstIndex(where: { $0.utf8.count == length && $0.utf8.elementsEqual(text.utf8) }) {
            terms = recorded[k]
        } else {
            terms = Self.record(text)
            texts.append(text)
            recorded.append(terms)
        }
        terms.bytes.withUnsafeBufferPointer { bytes in
            terms.ends.withUnsafeBufferPointer { ends in
                terms.kinds.withUnsafeBufferPointer { kinds in
                    var start = 0
                    for k in 0..<ends.count {
                        let end = Int(ends[k])
                        body(UnsafeBufferPointer(start: bytes.baseAddress.map { $0 + start }, count: end - start), kinds[k])
                        start = end
                    }
                }
            }
        }
    }

    static func record(_ text: String) -> Recorded {
        var out = Recorded()
        var text = text
        text.withUTF8 { source in
            out.bytes.reserveCapacity(source.count)
            AnalysisChain.index.forEachTerm(in: source) { term, kind, _, _ in
                out.bytes.append(contentsOf: term)
                out.ends.append(Int32(truncatingIfNeeded: out.bytes.count))
                out.kinds.append(kind)
            }
        }
        return out
    }
}
