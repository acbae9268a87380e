public import NewsModel

/// What a reader returns for one input: its articles in page order and the problems it met.
///
/// Readers leave `id` and `duplicateOf` empty; `NewsExtractor` assigns them for the whole page.
public struct ReaderOutput: Sendable {
    public var articles: [Article]
    public var issues: [Page.Issue]

    public init(articles: [Article] = [], issues: [Page.Issue] = []) {
        self.articles = articles
        self.issues = issues
    }
}
