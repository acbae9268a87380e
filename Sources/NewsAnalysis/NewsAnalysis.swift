public import NewsModel

/// Fills an article's `quotes`, `entities`, `quantities` and `dates` (DOCUMENT-MODEL.md).
///
/// The parts live in their own files: `Quotes/` (direct and indirect speech, speakers), `Entities/`
/// (gazetteers, cue rules, the averaged-perceptron tagger, mention linking), `Quantities/` and `Dates/`.
public protocol ArticleAnalyzer: Sendable {
    func analyze(_ article: inout Article)
}
