public import ArabicText
public import NewsModel

/// Turns extracted pages into what the archive stores: one ``ArchivePage`` per page, or one per
/// record for JSONL exports (a 30,000-record file is 30,000 pages: each is stored, and resumed
/// after a crash, on its own).
///
/// Analysis happens before this step; preparation only derives the index terms, the outlet and the
/// fingerprint, all pure functions of the article.
public struct ArchivePreparer: Sendable {
    /// Makes the fingerprint of an article, reading its index terms from `terms` (``IndexTerms``),
    /// which the index fields then read again rather than running the analysis chain twice.
    public typealias Fingerprinting = @Sendable (Article, inout IndexTerms) -> ArticleFingerprint

    public var fingerprint: Fingerprinting

    /// The index fields always come from ``ArabicText/AnalysisChain/index``: it is the chain that
    /// queries are analyzed to match.
    public init(fingerprint: Fingerprinting? = nil) {
        self.fingerprint = fingerprint ?? { article, _ in ArticleFingerprint(exact: article.exactCopyHash) }
    }

    /// - Parameter recordOffset: for a chunk of a JSONL file, the records before it, so that each
    ///   record's key is its place in the whole file.
    public func prepare(_ page: Page, recordOffset: Int = 0) -> [ArchivePage] {
        func archived(_ article: Article) -> ArchiveArticle {
            var terms = IndexTerms()
            let fingerprint = fingerprint(article, &terms)
            return ArchiveArticle(
                article: article,
                outlet: Outlet.name(
                    articleURL: article.url, pageSource: page.source,
                    bylineOutlet: article.bylines.first { $0.kind == .outlet }?.name),
                fingerprint: fingerprint,
                index: IndexDocument(article, terms: &terms))
        }
        guard page.format == .jsonl else {
            return [ArchivePage(source: page.source, format: page.format, encoding: page.encoding, articles: page.articles.map(archived))]
        }
        return page.articles.enumerated().map { index, article in
            // A record is known by its place in the file: exports append, and two records with one
            // URL (a re-exported article) are still two records.
            let key = "\(page.source)#\(recordOffset + index + 1)"
            var record = article
            record.duplicateOf = nil  // links inside a JSONL file are the archive's job
            return ArchivePage(source: key, format: .jsonl, encoding: page.encoding, articles: [archived(record)])
        }
    }
}
