public import ArabicText
public import NewsModel

/// The searchable fields of an article, as space-separated index terms from ``AnalysisChain/index``.
///
/// Both stores index exactly these strings (SQLite in FTS5 columns, PostgreSQL as a weighted
/// `tsvector`), so they find the same articles for the same query. Terms are kept in order with
/// stopwords removed: a phrase matches its terms in sequence whatever stopwords stood between them.
///
/// ```swift
/// IndexDocument(article).title  // "رئيس مفاوض"
/// ```
public struct IndexDocument: Sendable, Hashable {
    /// The fields in ranking order; BM25 weights follow ``weights``.
    public enum Field: Int, Sendable, CaseIterable {
        case title, subtitle, captions, body
    }

    /// Title counts most, then subtitle (with a teaser's summary) and captions, then the body.
    public static let weights: [Field: Double] = [.title: 10, .subtitle: 4, .captions: 4, .body: 1]

    public var title: String
    public var subtitle: String
    public var captions: String
    public var body: String

    public init(_ article: Article, chain: AnalysisChain = .index) {
        title = Self.terms(of: [article.title], chain: chain)
        subtitle = Self.terms(of: [article.subtitle, article.summary].compactMap { $0 }, chain: chain)
        captions = Self.terms(of: article.images.map(\.caption), chain: chain)
        body = Self.terms(of: article.paragraphs, chain: chain)
    }

    public subscript(field: Field) -> String {
        switch field {
        case .title: return title
        case .subtitle: return subtitle
        case .captions: return captions
        case .body: return body
        }
    }

    /// Index terms of several texts, joined by single spaces, built straight from bytes.
    /// The same fields from terms already made (``IndexTerms``, of ``AnalysisChain/index``).
    public init(_ article: Article, terms: inout IndexTerms) {
        title = Self.terms(of: [article.title], recorded: &terms)
        subtitle = Self.terms(of: [article.subtitle, article.summary].compactMap { $0 }, recorded: &terms)
        captions = Self.terms(of: article.images.map(\.caption), recorded: &terms)
        body = Self.terms(of: article.paragraphs, recorded: &terms)
    }

    static func terms(of texts: [String], recorded: inout IndexTerms) -> String {
        var out = [UInt8]()
        out.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        for text in texts {
            recorded.forEachTerm(in: text) { term, _ in append(term, to: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func append(_ term: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if !out.isEmpty { out.append(0x20) }
        // Terms never hold spaces, but a store must never see one inside a term.
        for byte in term { out.append(byte == 0x20 ? 0x5F : byte) }
    }

    static func terms(of texts: [String], chain: AnalysisChain) -> String {
        var out = [UInt8]()
        out.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        for var text in texts {
            text.withUTF8 { bytes in
                chain.forEachTerm(in: bytes) { term, _, _, _ in append(term, to: &out) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
