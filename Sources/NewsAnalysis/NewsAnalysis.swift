import Foundation
public import NewsModel

/// Fills an article's `quotes`, `entities`, `quantities` and `dates` (DOCUMENT-MODEL.md).
///
/// The parts live in their own files: `Quotes/` (direct and indirect speech, speakers), `Entities/`
/// (gazetteers, cue rules, the averaged-perceptron tagger, mention linking), `Quantities/` and `Dates/`.
public protocol ArticleAnalyzer: Sendable {
    func analyze(_ article: inout Article)
    /// The same, reusing what the article's other analyses already made of its text.
    func analyze(_ article: inout Article, sharing shared: inout SharedAnalysis)
}

extension ArticleAnalyzer {
    public func analyze(_ article: inout Article, sharing shared: inout SharedAnalysis) { analyze(&article) }
}

/// Every analysis Marsad runs on an article, in order: what `marsad extract` and `marsad ingest` apply.
public struct NewsAnalyzer: ArticleAnalyzer {
    public var parts: [any ArticleAnalyzer]

    public init(parts: [any ArticleAnalyzer]) { self.parts = parts }

    /// The standard set.
    public static let standard: NewsAnalyzer = {
        var parts: [any ArticleAnalyzer] = [QuoteExtractor(), QuantityExtractor(), DateExtractor()]
        // The tagger's model ships in the bundle; a broken install still gives the other analyses,
        // and says so once (naming the file) rather than storing articles without entities unnoticed.
        switch standardEntities {
        case .success(let entities): parts.insert(entities, at: 0)
        case .failure(let error): FileHandle.standardError.write(Data("marsad: entities are not analysed: \(error)\n".utf8))
        }
        return NewsAnalyzer(parts: parts)
    }()

    /// The bundled recognizer, or why it could not be loaded.
    public static let standardEntities: Result<EntityRecognizer, any Error> = Result { try EntityRecognizer.bundled() }

    public func analyze(_ article: inout Article) {
        var shared = SharedAnalysis()
        analyze(&article, sharing: &shared)
    }

    public func analyze(_ article: inout Article, sharing shared: inout SharedAnalysis) {
        for part in parts { part.analyze(&article, sharing: &shared) }
    }

    /// Analyzes every article of a page.
    public func analyze(_ page: inout Page) {
        for index in page.articles.indices { analyze(&page.articles[index]) }
    }
}
