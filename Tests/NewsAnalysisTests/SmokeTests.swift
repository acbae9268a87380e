import NewsAnalysis
import NewsModel
import Testing

@Suite struct NewsAnalysisSmokeTests {
    struct Nothing: ArticleAnalyzer {
        func analyze(_ article: inout Article) {}
    }

    @Test func analyzersWorkOnArticlesInPlace() {
        var article = Article(role: .main, title: "عنوان")
        Nothing().analyze(&article)
        #expect(article.quotes.isEmpty)
    }
}
