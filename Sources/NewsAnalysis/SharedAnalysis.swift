import NewsModel

/// What several analyses of one article read alike, made once per article: the quantity and date
/// scanners both read every paragraph as a ``TokenizedText``, and tokenizing it twice was a twentieth
/// of the analysis time.
///
/// Each text is kept with the string it was made from and made again if the article's text changed
/// in between, so an analysis can never read another text's tokens.
public struct SharedAnalysis {
    private var title: (source: String, text: TokenizedText)?
    private var body: (sources: [String], texts: [TokenizedText])?

    public init() {}

    /// The title, tokenized.
    mutating func tokenizedTitle(_ article: Article) -> TokenizedText {
        if let title, title.source == article.title { return title.text }
        let made = TokenizedText(article.title)
        title = (article.title, made)
        return made
    }

    /// The texts the scanners read as the body (the paragraphs, or the summary of an article without
    /// any), and each tokenized.
    mutating func tokenizedBody(_ article: Article) -> [TokenizedText] {
        let sources = Self.bodyTexts(article)
        if let body, body.sources == sources { return body.texts }
        let made = sources.map(TokenizedText.init)
        body = (sources, made)
        return made
    }

    static func bodyTexts(_ article: Article) -> [String] {
        article.paragraphs.isEmpty ? [article.summary].compactMap { $0 } : article.paragraphs
    }

    /// The texts beside the title and the body that hold dates and amounts too: the subtitle, the
    /// summary (when it is not the body), and the captions, each tokenized. Not cached: they are few
    /// and short.
    func tokenizedAsides(_ article: Article) -> [TokenizedText] {
        article.texts.filter { text in
            switch text.field {
            case .subtitle, .caption: true
            case .summary: !article.paragraphs.isEmpty
            case .title, .body, .byline: false
            }
        }.map { TokenizedText($0.text) }
    }
}
